-- Registration history (docs/privacy.md): when, from where and with what User-Agent each extension registered,
-- kept Retention:RegistrationHistoryDays (90) and written in batches off the registration path.
CREATE TABLE IF NOT EXISTS registration_history (
    tenant_id     text NOT NULL,
    extension     text NOT NULL,
    registered_at timestamptz NOT NULL,
    source_ip     inet NOT NULL,
    user_agent    text NOT NULL DEFAULT '',
    expires       integer NOT NULL          -- seconds granted; 0 for an unregistration
);
CREATE INDEX IF NOT EXISTS registration_history_extension_idx ON registration_history (tenant_id, extension, registered_at DESC);
CREATE INDEX IF NOT EXISTS registration_history_at_idx ON registration_history (registered_at);

ALTER TABLE retention_overrides DROP CONSTRAINT IF EXISTS retention_overrides_data_class_check;
ALTER TABLE retention_overrides ADD CONSTRAINT retention_overrides_data_class_check
    CHECK (data_class IN ('call_records', 'billing', 'fraud_alerts', 'audit_log', 'registration_history'));
