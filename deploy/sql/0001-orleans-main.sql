-- 0001-orleans-main.sql
-- Switchboard: the query catalogue every Orleans ADO.NET provider reads.
--
-- Contract (Orleans 10.4.2, ADO.NET providers):
--   * Each provider (clustering, persistence, reminders, and the edge client's gateway list) runs
--     "SELECT QueryKey, QueryText FROM OrleansQuery" once while it initialises and caches the texts.
--     It never re-reads the table, so changed texts take effect only after the processes restart.
--   * Orleans binds parameters by name (@Name) and reads result columns by name and type. Any text
--     may stand behind a key as long as those names and types are preserved.
--   * Clustering and reminders refuse to start if one of their keys is missing.
--
-- PostgreSQL folds the unquoted identifiers below to lower case (orleansquery, querykey, querytext);
-- Orleans' own statement uses them unquoted too, so both sides agree.
--
-- Idempotent: safe to run again. The capability files (0002+) fill the table with
-- INSERT ... ON CONFLICT (QueryKey) DO UPDATE, so a re-run refreshes the texts.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT pk_orleansquery PRIMARY KEY (QueryKey)
);

COMMENT ON TABLE OrleansQuery IS
    'Orleans ADO.NET provider queries, keyed by the names the providers look up (see deploy/sql).';
