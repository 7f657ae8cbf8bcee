-- Leases of answered calls: the write-behind journal that lets an account bill a call whose call grain was lost
-- with its silo. Call state itself lives only in memory (docs/architecture.md, "Failure costs").
--   * a row is inserted (batched per account) when the call is answered, and carries the CDR template in `lease`;
--   * renewed_at is stamped in batches (one UPDATE per silo and account every few seconds) while the call lives;
--   * the settlement statement that inserts the CDR deletes the row in the same transaction (ICallLeaseStore).
-- A row whose renewed_at stopped moving belongs to a lost call: any silo's sweeper wakes its account, which bills
-- it up to renewed_at. The row holds the same numbers a CDR holds and is gone once the CDR exists.
CREATE TABLE IF NOT EXISTS call_leases (
    call_id    text PRIMARY KEY,
    account_id text NOT NULL,
    renewed_at timestamptz NOT NULL,
    lease      jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS call_leases_account_idx ON call_leases (account_id);
CREATE INDEX IF NOT EXISTS call_leases_renewed_idx ON call_leases (renewed_at);
