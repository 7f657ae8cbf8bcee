-- Audit log: the source address of each request, and append-only for everyone who connects as the application.
--
-- Reads of personal data (CDR search and export) are recorded too, so the trail says who looked at whose calls and
-- from where. A trail the application can rewrite proves nothing after a compromise, so UPDATE, DELETE and TRUNCATE
-- are refused in two ways: the privileges are revoked from the role that runs this file (the application's own
-- role when the silo migrates the schema) and from PUBLIC, and a trigger refuses them for every role, superusers
-- and the table's owner included (privileges do not bind those). Retention is a deliberate act of a database
-- administrator (the table owner): ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only, then enable it again.

ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS source_ip inet NULL;

CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM CURRENT_USER;
