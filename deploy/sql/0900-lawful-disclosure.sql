-- Lawful disclosure (docs/privacy.md): the 'compliance' API role, and one record per disclosure of traffic data to
-- an authority: who asked, on what legal basis, about whom and which period, and who handled it.
ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_role_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('operator', 'tenant-admin', 'read-only', 'compliance'));
ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_compliance_global;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_compliance_global CHECK (role <> 'compliance' OR tenant_id IS NULL);

CREATE TABLE IF NOT EXISTS disclosures (
    disclosure_id uuid PRIMARY KEY,
    requested_at  timestamptz NOT NULL,
    authority     text NOT NULL,
    legal_basis   text NOT NULL,
    reference     text NOT NULL,
    tenant_id     text NOT NULL,
    subscriber    text NOT NULL,            -- the number or extension the request names
    period_from   timestamptz NOT NULL,
    period_to     timestamptz NOT NULL,
    handled_by    text NOT NULL,            -- API key id and name of the compliance officer
    calls         integer NOT NULL,
    registrations integer NOT NULL
);
CREATE INDEX IF NOT EXISTS disclosures_requested_idx ON disclosures (requested_at DESC);
