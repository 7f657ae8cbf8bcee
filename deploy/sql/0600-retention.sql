-- Retention (docs/privacy.md): per-tenant overrides of how long each data class is kept, and the indexes the purge
-- needs to find old rows by age. The defaults live in configuration (Retention section), not here.

CREATE TABLE IF NOT EXISTS retention_overrides (
    tenant_id  text NOT NULL,
    data_class text NOT NULL CHECK (data_class IN ('call_records', 'billing', 'fraud_alerts', 'audit_log')),
    keep_days  integer NOT NULL CHECK (keep_days > 0),
    PRIMARY KEY (tenant_id, data_class)
);

-- The purge replaces the ledger rows it deletes by one 'carried' row per account holding their sum, so
-- accounts.balance = sum(ledger.amount) survives it.
ALTER TABLE ledger DROP CONSTRAINT IF EXISTS ledger_kind_check;
ALTER TABLE ledger ADD CONSTRAINT ledger_kind_check CHECK (kind IN ('call', 'credit', 'topup', 'carried'));

CREATE INDEX IF NOT EXISTS cdrs_started_idx ON cdrs (started_at);
CREATE INDEX IF NOT EXISTS ledger_created_idx ON ledger (created_at);
CREATE INDEX IF NOT EXISTS topups_first_seen_idx ON topups (first_seen_at);
CREATE INDEX IF NOT EXISTS fraud_alerts_raised_idx ON fraud_alerts (raised_at);

-- Account cancellation: when it happened (the purge anonymises the subscriber's records Retention:CancelledAccountDays
-- later) and when that was done, so it is done once.
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS cancelled_at timestamptz;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS anonymised_at timestamptz;

-- What anonymisation keeps of a number: at most four leading characters and never more than half of it, so a
-- country or area code survives for statistics and the subscriber does not ('4930123456' -> '4930xxxxxx').
CREATE OR REPLACE FUNCTION switchboard_truncate_number(number text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT left(number, least(4, length(number) / 2)) || repeat('x', length(number) - least(4, length(number) / 2))
$$;
