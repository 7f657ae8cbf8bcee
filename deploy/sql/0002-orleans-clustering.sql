-- 0002-orleans-clustering.sql
-- Switchboard: cluster membership for Orleans ADO.NET clustering (silos) and the ADO.NET
-- gateway list (external clients such as the SIP edge). Requires 0001-orleans-main.sql.
--
-- Contract (Orleans 10.4.2):
--   * Required keys (a silo or client refuses to start without all of them):
--       GatewaysQueryKey, MembershipReadRowKey, MembershipReadAllKey, InsertMembershipVersionKey,
--       UpdateIAmAlivetimeKey, InsertMembershipKey, UpdateMembershipKey,
--       DeleteMembershipTableEntriesKey, CleanupDefunctSiloEntriesKey
--     Optional key known to 10.4.2: CleanupDefunctSiloEntryKey (per-row Dead-row pruning).
--   * Parameters Orleans binds (by name): DeploymentId (= ClusterId), Address, Port, Generation,
--     SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime, SuspectTimes, Version.
--     Version is the table ETag: the integer last read from the version row.
--   * Membership rows are read back by column name: Address, Port, Generation, SiloName, HostName,
--     Status, ProxyPort, SuspectTimes, StartTime, IAmAliveTime, Version. The gateway list reads
--     Address, ProxyPort, Generation. Insert/update/version-insert return one integer column that
--     Orleans treats as success when > 0 and as "lost the race, re-read and retry" when 0.
--   * A write that reports 0 must leave nothing behind (no half-applied version bump); the
--     functions below undo their work inside a sub-transaction in that case.
--   * SiloStatus values used here: 3 = Active, 6 = Dead.
--
-- Parameters are cast explicitly in every query text, so the statements do not depend on how the
-- driver types a value (e.g. an ETag string or a NULL with no type).
--
-- Idempotent: CREATE ... IF NOT EXISTS, CREATE OR REPLACE FUNCTION, upserted query texts.

-- One row per cluster (DeploymentId): the membership table's version, bumped on every change.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation (address, port, generation) of a cluster.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId) ON DELETE CASCADE
);

-- Adds a silo row and bumps the cluster version, both or neither.
-- Returns 1 on success; 0 when the caller's version is stale or the row already exists.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id varchar,
    p_address       varchar,
    p_port          integer,
    p_generation    integer,
    p_silo_name     varchar,
    p_host_name     varchar,
    p_status        integer,
    p_proxy_port    integer,
    p_start_time    timestamptz,
    p_i_am_alive    timestamptz,
    p_version       integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    n integer;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
           SET Version = Version + 1, Timestamp = now()
         WHERE DeploymentId = p_deployment_id
           AND Version = p_version;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n = 0 THEN
            RETURN 0;               -- stale table version: nothing was changed
        END IF;

        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName,
             Status, ProxyPort, StartTime, IAmAliveTime)
        VALUES
            (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
             p_status, p_proxy_port, p_start_time, p_i_am_alive)
        ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n = 0 THEN
            -- Row already there: undo the version bump made above.
            RAISE EXCEPTION USING ERRCODE = 'SWB01', MESSAGE = 'membership row exists';
        END IF;
        RETURN 1;
    EXCEPTION WHEN SQLSTATE 'SWB01' THEN
        RETURN 0;
    END;
END
$fn$;

-- Changes a silo row (status, suspicions, heartbeat) and bumps the cluster version, both or neither.
-- Returns 1 on success; 0 when the caller's version is stale or the row does not exist.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id varchar,
    p_address       varchar,
    p_port          integer,
    p_generation    integer,
    p_status        integer,
    p_suspect_times varchar,
    p_i_am_alive    timestamptz,
    p_version       integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    n integer;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
           SET Version = Version + 1, Timestamp = now()
         WHERE DeploymentId = p_deployment_id
           AND Version = p_version;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n = 0 THEN
            RETURN 0;
        END IF;

        UPDATE OrleansMembershipTable
           SET Status       = p_status,
               SuspectTimes = p_suspect_times,
               -- a heartbeat never moves backwards
               IAmAliveTime = GREATEST(IAmAliveTime, p_i_am_alive)
         WHERE DeploymentId = p_deployment_id
           AND Address = p_address
           AND Port = p_port
           AND Generation = p_generation;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n = 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'SWB01', MESSAGE = 'membership row missing';
        END IF;
        RETURN 1;
    EXCEPTION WHEN SQLSTATE 'SWB01' THEN
        RETURN 0;
    END;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Creates the cluster's version row if it is not there yet.
-- Returns one integer: 1 = created now, 0 = already existed (both are fine for Orleans).
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (@DeploymentId::varchar)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer AS row_count FROM created
$q$),

-- A silo joins: its row plus a version bump, guarded by the version Orleans last read.
('InsertMembershipKey', $q$
SELECT orleans_membership_insert(
    @DeploymentId::varchar, @Address::varchar, @Port::integer, @Generation::integer,
    @SiloName::varchar, @HostName::varchar, @Status::integer, @ProxyPort::integer,
    @StartTime::timestamptz, @IAmAliveTime::timestamptz, @Version::integer) AS row_count
$q$),

-- Status change / suspicion vote / eviction: row update plus version bump, guarded by the version.
('UpdateMembershipKey', $q$
SELECT orleans_membership_update(
    @DeploymentId::varchar, @Address::varchar, @Port::integer, @Generation::integer,
    @Status::integer, @SuspectTimes::varchar, @IAmAliveTime::timestamptz,
    @Version::integer) AS row_count
$q$),

-- Heartbeat: touches only the silo's own row and deliberately not the version.
-- Orleans ignores the result.
('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable
   SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime::timestamptz)
 WHERE DeploymentId = @DeploymentId::varchar
   AND Address = @Address::varchar
   AND Port = @Port::integer
   AND Generation = @Generation::integer
$q$),

-- One silo's row. Always yields the version row (LEFT JOIN), with NULL silo columns when the
-- silo has no row, because Orleans needs the table version in either case.
('MembershipReadRowKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
       m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
  FROM OrleansMembershipVersionTable v
  LEFT JOIN OrleansMembershipTable m
         ON m.DeploymentId = v.DeploymentId
        AND m.Address = @Address::varchar
        AND m.Port = @Port::integer
        AND m.Generation = @Generation::integer
 WHERE v.DeploymentId = @DeploymentId::varchar
$q$),

-- The whole membership table of the cluster, same shape as MembershipReadRowKey.
('MembershipReadAllKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
       m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
  FROM OrleansMembershipVersionTable v
  LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
 WHERE v.DeploymentId = @DeploymentId::varchar
$q$),

-- Gateway list for clients: silos with the requested status (Orleans passes Active = 3)
-- that accept client connections (ProxyPort > 0).
('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation
  FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId::varchar
   AND Status = @Status::integer
   AND ProxyPort > 0
$q$),

-- Removes a whole cluster (rows go with the version row through ON DELETE CASCADE).
-- Used by tooling/tests, not in normal operation.
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM OrleansMembershipVersionTable
 WHERE DeploymentId = @DeploymentId::varchar
$q$),

-- Bulk pruning of defunct silos (ClusterMembershipOptions.DefunctSiloCleanupPeriod/Expiration):
-- Dead rows whose start and last heartbeat are both older than the cut-off Orleans passes in
-- the IAmAliveTime parameter. Live or merely stale rows are never deleted here. Suspect-vote
-- times (a text list) are not parsed; they trail the last heartbeat by seconds, far less than
-- the retention. 10.4.2 calls this key only when CleanupDefunctSiloEntryKey is absent.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId::varchar
   AND Status = 6
   AND IAmAliveTime < @IAmAliveTime::timestamptz
   AND StartTime < @IAmAliveTime::timestamptz
$q$),

-- Optional (10.4.2): prune one Dead row, only if it still holds exactly the values Orleans read
-- (start, heartbeat, suspicions), so a row changed meanwhile is left alone. Does not touch the
-- version. Orleans decides which rows are old enough from the values it read.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId::varchar
   AND Address = @Address::varchar
   AND Port = @Port::integer
   AND Generation = @Generation::integer
   AND Status = 6
   AND StartTime = @StartTime::timestamptz
   AND IAmAliveTime = @IAmAliveTime::timestamptz
   AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes::varchar, '')
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
