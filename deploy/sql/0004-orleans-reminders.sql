-- 0004-orleans-reminders.sql
-- Switchboard: durable reminders for the Orleans ADO.NET reminder table (UseAdoNetReminderService).
-- Requires 0001-orleans-main.sql.
--
-- Contract (Orleans 10.4.2):
--   * Required keys: ReadReminderRowsKey, ReadReminderRowKey, ReadRangeRows1Key,
--     ReadRangeRows2Key, UpsertReminderRowKey, DeleteReminderRowKey, DeleteReminderRowsKey.
--   * Parameters: ServiceId, GrainId (grain id as string), ReminderName, StartTime, Period
--     (milliseconds), GrainHash (int, the grain's uniform hash), Version (int ETag),
--     BeginHash/EndHash (int ring range bounds).
--   * Reads return rows with columns GrainId, ReminderName, StartTime, Period, Version.
--   * Upsert returns the row's new Version (the reminder ETag); delete returns one integer,
--     > 0 = deleted, 0 = the ETag no longer matched.
--   * 10.4.2 binds none of the cron/priority parameters (CronExpression, NextDueUtc, LastFireUtc,
--     Priority, Action) that some newer upstream scripts mention, so this table has no such columns.
--
-- Idempotent: CREATE ... IF NOT EXISTS, upserted query texts.

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(150)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,
    CONSTRAINT pk_orleansreminderstable PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Silos load the reminders of their hash range of the ring.
CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_grainhash
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- All reminders of one grain.
('ReadReminderRowsKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId::varchar
   AND GrainId = @GrainId::varchar
$q$),

-- One reminder of one grain.
('ReadReminderRowKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId::varchar
   AND GrainId = @GrainId::varchar
   AND ReminderName = @ReminderName::varchar
$q$),

-- Reminders in a ring range that does not wrap: BeginHash < GrainHash <= EndHash.
('ReadRangeRows1Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId::varchar
   AND GrainHash > @BeginHash::integer
   AND GrainHash <= @EndHash::integer
$q$),

-- Reminders in a ring range that wraps around: GrainHash > BeginHash or GrainHash <= EndHash.
('ReadRangeRows2Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId::varchar
   AND (GrainHash > @BeginHash::integer OR GrainHash <= @EndHash::integer)
$q$),

-- Register or change a reminder. A new row starts at version 0; every change adds 1.
-- Returns the row's version, which Orleans keeps as the reminder's ETag.
('UpsertReminderRowKey', $q$
INSERT INTO OrleansRemindersTable AS r
    (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES
    (@ServiceId::varchar, @GrainId::varchar, @ReminderName::varchar, @StartTime::timestamptz,
     @Period::bigint, @GrainHash::integer, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
   SET StartTime = EXCLUDED.StartTime,
       Period    = EXCLUDED.Period,
       GrainHash = EXCLUDED.GrainHash,
       Version   = r.Version + 1
RETURNING r.Version AS Version
$q$),

-- Unregister one reminder if it still has the ETag the caller holds. Returns the deleted count.
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId::varchar
       AND GrainId = @GrainId::varchar
       AND ReminderName = @ReminderName::varchar
       AND Version = @Version::integer
    RETURNING 1
)
SELECT count(*)::integer AS row_count FROM deleted
$q$),

-- Remove every reminder of the service (tooling/tests).
('DeleteReminderRowsKey', $q$
DELETE FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId::varchar
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
