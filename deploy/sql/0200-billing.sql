-- Prepaid billing: accounts, ledger, CDRs (the settlement record), crypto top-ups, rate decks, fraud alerts.
-- Money is EUR in numeric(18,6). Exactly-once rules live here, not in the application, because Orleans can briefly
-- run two activations of one account grain:
--   * cdrs.call_id is the primary key: a call settles once, whoever tries;
--   * ledger (account_id, reference) is unique: every balance movement happens once per reference
--     ('call:<call id>', 'topup:<coin>:<hash>', or an operator's credit reference);
--   * the balance is only moved by the statement that inserted the ledger row, so
--     accounts.balance = sum(ledger.amount) at all times (accounts start at 0).

CREATE TABLE IF NOT EXISTS accounts (
    account_id    text PRIMARY KEY,
    tenant_id     text NOT NULL,
    rate_plan_id  text NOT NULL,
    credit_limit  numeric(18,6) NOT NULL DEFAULT 0 CHECK (credit_limit >= 0), -- how far below zero the balance may go
    status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'locked', 'cancelled')),
    status_reason text NOT NULL DEFAULT '',
    fraud_limits  jsonb NOT NULL,
    balance       numeric(18,6) NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS accounts_tenant_idx ON accounts (tenant_id, created_at DESC);

CREATE TABLE IF NOT EXISTS ledger (
    entry_id    bigserial PRIMARY KEY,
    account_id  text NOT NULL REFERENCES accounts (account_id),
    reference   text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('call', 'credit', 'topup')),
    amount      numeric(18,6) NOT NULL, -- signed: credits positive, calls negative
    description text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ledger_reference_once UNIQUE (account_id, reference)
);
CREATE INDEX IF NOT EXISTS ledger_account_idx ON ledger (account_id, entry_id DESC);

-- One row per call, answered or not. Inserting it is the settlement; see ICdrStore.SettleAsync.
CREATE TABLE IF NOT EXISTS cdrs (
    call_id            text PRIMARY KEY,
    account_id         text NOT NULL REFERENCES accounts (account_id),
    tenant_id          text NOT NULL,
    caller             text NOT NULL,
    callee             text NOT NULL,
    direction          text NOT NULL,               -- onnet | outbound | inbound
    started_at         timestamptz NOT NULL,
    answered_at        timestamptz,
    ended_at           timestamptz NOT NULL,
    duration_seconds   integer NOT NULL,
    billed_seconds     integer NOT NULL,
    rate               jsonb,                       -- AppliedRate: prefix, price/min, connect fee, increments, minimum
    cost               numeric(18,6) NOT NULL,
    carrier_plan_id    text,
    carrier_rate       jsonb,
    carrier_cost       numeric(18,6) NOT NULL DEFAULT 0,
    margin             numeric(18,6) GENERATED ALWAYS AS (cost - carrier_cost) STORED,
    final_sip_status   integer NOT NULL,
    disposition        text NOT NULL,               -- answered | busy | noanswer | cancelled | ...
    caller_leg_call_id text NOT NULL,
    callee_leg_call_id text NOT NULL,
    edge_id            text NOT NULL,
    trunk_id           text,
    settled_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS cdrs_tenant_started_idx ON cdrs (tenant_id, started_at DESC);
CREATE INDEX IF NOT EXISTS cdrs_account_started_idx ON cdrs (account_id, started_at DESC);
CREATE INDEX IF NOT EXISTS cdrs_account_ended_idx ON cdrs (account_id, ended_at);
CREATE INDEX IF NOT EXISTS cdrs_caller_idx ON cdrs (caller text_pattern_ops);
CREATE INDEX IF NOT EXISTS cdrs_callee_idx ON cdrs (callee text_pattern_ops);

CREATE TABLE IF NOT EXISTS topups (
    coin                   text NOT NULL,
    tx_hash                text NOT NULL,           -- normalised to lower case
    account_id             text NOT NULL REFERENCES accounts (account_id),
    amount                 numeric(38,18) NOT NULL CHECK (amount > 0), -- in coin units
    confirmations          integer NOT NULL,
    required_confirmations integer NOT NULL,
    eur_rate               numeric(18,6) NOT NULL,  -- EUR per coin used for the credit
    eur_amount             numeric(18,6) NOT NULL,
    status                 text NOT NULL CHECK (status IN ('pending', 'credited')),
    first_seen_at          timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    credited_at            timestamptz,
    PRIMARY KEY (coin, tx_hash)
);
CREATE INDEX IF NOT EXISTS topups_account_idx ON topups (account_id, first_seen_at DESC);

CREATE TABLE IF NOT EXISTS rate_plans (
    plan_id     text PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('retail', 'carrier')),
    description text NOT NULL DEFAULT '',
    rate_count  integer NOT NULL,
    version     bigint NOT NULL,                    -- bumped by every import; silos poll it to refresh their cache
    imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS rates (
    plan_id          text NOT NULL REFERENCES rate_plans (plan_id) ON DELETE CASCADE,
    position         integer NOT NULL,              -- row order of the imported CSV
    prefix           text NOT NULL,
    description      text NOT NULL,
    price_per_minute numeric(18,6) NOT NULL,
    connect_fee      numeric(18,6) NOT NULL,
    first_increment  integer NOT NULL,
    next_increment   integer NOT NULL,
    minimum_seconds  integer NOT NULL,
    effective_from   timestamptz NOT NULL,
    effective_to     timestamptz,
    PRIMARY KEY (plan_id, position)
);

CREATE TABLE IF NOT EXISTS fraud_alerts (
    alert_id       uuid PRIMARY KEY,
    account_id     text NOT NULL,
    tenant_id      text NOT NULL,
    rule           text NOT NULL,
    reason         text NOT NULL,
    call_id        text NOT NULL DEFAULT '',
    destination    text NOT NULL DEFAULT '',
    raised_at      timestamptz NOT NULL,
    locked_account boolean NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS fraud_alerts_tenant_idx ON fraud_alerts (tenant_id, raised_at DESC);
CREATE INDEX IF NOT EXISTS fraud_alerts_account_idx ON fraud_alerts (account_id, raised_at DESC);
