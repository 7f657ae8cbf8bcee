-- 0003-orleans-persistence.sql
-- Switchboard: grain state for Orleans ADO.NET grain storage (AddAdoNetGrainStorage).
-- Requires 0001-orleans-main.sql.
--
-- Contract (Orleans 10.4.2):
--   * Keys: WriteToStorageKey, ReadFromStorageKey, ClearStorageKey (required);
--     DeleteStorageKey (used instead of ClearStorageKey when DeleteStateOnClear = true).
--   * Every query gets the state's identity: GrainIdHash (int), GrainIdN0 (bigint),
--     GrainIdN1 (bigint), GrainTypeHash (int), GrainTypeString (the *state name*, not the grain
--     class), GrainIdExtensionString (string key or key extension, may be NULL), ServiceId.
--     Write/clear/delete also get GrainStateVersion (int ETag, NULL = "never stored");
--     write also gets PayloadBinary (bytea; serializer output, JSON by default).
--   * Read returns at most one row with columns PayloadBinary and Version.
--   * Write/clear/delete return one column NewGrainStateVersion. Orleans treats a returned value
--     equal to the ETag it sent, or no value at all, as an ETag conflict and throws
--     InconsistentStateException; any other value becomes the new ETag.
--
-- Identity is enforced with a UNIQUE index (NULLS NOT DISTINCT, PostgreSQL 15+), so two
-- activations racing to create the same state cannot both insert: the loser's INSERT ... ON
-- CONFLICT DO NOTHING writes nothing and it gets a conflict, which is what the contract asks for.
--
-- Idempotent: CREATE ... IF NOT EXISTS, upserted query texts.

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer        NOT NULL,
    GrainIdN0              bigint         NOT NULL,
    GrainIdN1              bigint         NOT NULL,
    GrainTypeHash          integer        NOT NULL,
    GrainTypeString        varchar(512)   NOT NULL,
    GrainIdExtensionString varchar(512)   NULL,
    ServiceId              varchar(150)   NOT NULL,
    PayloadBinary          bytea          NULL,
    ModifiedOn             timestamptz(3) NOT NULL DEFAULT now(),
    Version                integer        NOT NULL
);

-- One row per (service, state name, grain id). Also serves every lookup below; the two hash
-- columns lead so the index stays selective.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_identity
    ON OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash,
                       GrainTypeString, GrainIdExtensionString, ServiceId)
    NULLS NOT DISTINCT;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Current state of one grain: no row = never stored.
('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version
  FROM OrleansStorage
 WHERE GrainIdHash = @GrainIdHash::integer
   AND GrainIdN0 = @GrainIdN0::bigint
   AND GrainIdN1 = @GrainIdN1::bigint
   AND GrainTypeHash = @GrainTypeHash::integer
   AND GrainTypeString = @GrainTypeString::varchar
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString::varchar
   AND ServiceId = @ServiceId::varchar
$q$),

-- Optimistic write. With an ETag: update only the row still at that version (new version = +1).
-- Without an ETag: create the row at version 1, unless it exists already.
-- Result: the new version; the ETag sent when the update matched nothing; NULL when the create
-- lost to an existing row. The last two are conflicts for Orleans.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE OrleansStorage
       SET PayloadBinary = @PayloadBinary::bytea,
           ModifiedOn = now(),
           Version = Version + 1
     WHERE @GrainStateVersion::integer IS NOT NULL
       AND GrainIdHash = @GrainIdHash::integer
       AND GrainIdN0 = @GrainIdN0::bigint
       AND GrainIdN1 = @GrainIdN1::bigint
       AND GrainTypeHash = @GrainTypeHash::integer
       AND GrainTypeString = @GrainTypeString::varchar
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString::varchar
       AND ServiceId = @ServiceId::varchar
       AND Version = @GrainStateVersion::integer
    RETURNING Version
), created AS (
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
         GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash::integer, @GrainIdN0::bigint, @GrainIdN1::bigint, @GrainTypeHash::integer,
           @GrainTypeString::varchar, @GrainIdExtensionString::varchar, @ServiceId::varchar,
           @PayloadBinary::bytea, now(), 1
     WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash,
                 GrainTypeString, GrainIdExtensionString, ServiceId) DO NOTHING
    RETURNING Version
)
SELECT COALESCE((SELECT Version FROM updated),
                (SELECT Version FROM created),
                @GrainStateVersion::integer) AS NewGrainStateVersion
$q$),

-- Clear (DeleteStateOnClear = false): keep the row, drop the payload, bump the version, guarded
-- by the ETag. Result: the new version, or the ETag sent (conflict) when nothing matched.
('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE OrleansStorage
       SET PayloadBinary = NULL,
           ModifiedOn = now(),
           Version = Version + 1
     WHERE GrainIdHash = @GrainIdHash::integer
       AND GrainIdN0 = @GrainIdN0::bigint
       AND GrainIdN1 = @GrainIdN1::bigint
       AND GrainTypeHash = @GrainTypeHash::integer
       AND GrainTypeString = @GrainTypeString::varchar
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString::varchar
       AND ServiceId = @ServiceId::varchar
       AND Version = @GrainStateVersion::integer
    RETURNING Version
)
SELECT COALESCE((SELECT Version FROM cleared), @GrainStateVersion::integer) AS NewGrainStateVersion
$q$),

-- Clear (DeleteStateOnClear = true): remove the row, guarded by the ETag. Result: the deleted
-- row's version + 1 (a value different from the ETag = success), or the ETag sent (conflict).
('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash::integer
       AND GrainIdN0 = @GrainIdN0::bigint
       AND GrainIdN1 = @GrainIdN1::bigint
       AND GrainTypeHash = @GrainTypeHash::integer
       AND GrainTypeString = @GrainTypeString::varchar
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString::varchar
       AND ServiceId = @ServiceId::varchar
       AND Version = @GrainStateVersion::integer
    RETURNING Version
)
SELECT COALESCE((SELECT Version + 1 FROM deleted), @GrainStateVersion::integer) AS NewGrainStateVersion
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
