-- Admin API: API keys and the audit log of every write made through the API.

-- Keys are stored as the SHA-256 of the whole key (lowercase hex); the key itself is shown once at creation.
-- A key is 32 random bytes, so a plain hash is enough: there is nothing to brute-force.
CREATE TABLE IF NOT EXISTS api_keys (
    key_id       text PRIMARY KEY,
    name         text NOT NULL,
    role         text NOT NULL CHECK (role IN ('operator', 'tenant-admin', 'read-only')),
    tenant_id    text NULL,
    key_hash     text NOT NULL UNIQUE,
    key_prefix   text NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   text NOT NULL,
    revoked_at   timestamptz NULL,
    CHECK (role <> 'tenant-admin' OR tenant_id IS NOT NULL),
    CHECK (role <> 'operator' OR tenant_id IS NULL)
);

-- Who (key id and name), what (method, route template, resource ids, outcome status), when. Never a secret:
-- request bodies are not recorded.
CREATE TABLE IF NOT EXISTS audit_log (
    entry_id     bigserial PRIMARY KEY,
    at           timestamptz NOT NULL,
    key_id       text NOT NULL,
    key_name     text NOT NULL,
    tenant_id    text NULL,
    method       text NOT NULL,
    route        text NOT NULL,
    resource     text NOT NULL,
    status       integer NOT NULL
);

CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at DESC);
CREATE INDEX IF NOT EXISTS audit_log_tenant_at ON audit_log (tenant_id, at DESC);
