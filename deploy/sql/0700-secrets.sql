-- The data-protection key ring (ASP.NET Core Data Protection XML key elements), shared by every silo: trunk
-- passwords and tenant webhook secrets in grain state are encrypted with these keys (docs/security.md, secrets at
-- rest). Keys are added, never changed or deleted: a key must stay to decrypt what it once encrypted.
CREATE TABLE IF NOT EXISTS data_protection_keys (
    friendly_name text PRIMARY KEY,
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
