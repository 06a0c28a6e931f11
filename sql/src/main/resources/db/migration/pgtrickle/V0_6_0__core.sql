-- Trickle catalog, version 0.6.0: the stream-table core.
--
-- Everything the engine keeps lives in schema pgtrickle (the catalog and the SQL API) and
-- pgtrickle_changes (one change buffer per captured source, plus the capture functions).
-- The catalog refers to relations by regclass and never builds an object name from an OID, so a
-- pg_dump/pg_restore of the database keeps stream tables working. Flyway runs this file in one
-- transaction; a migration that has landed is never edited (later features add new versions).

-- Schema pgtrickle itself is created by the engine's Flyway run (it holds Flyway's history table).
CREATE SCHEMA pgtrickle_changes;

COMMENT ON SCHEMA pgtrickle IS 'Trickle stream tables: catalog and SQL API';
COMMENT ON SCHEMA pgtrickle_changes IS 'Trickle change buffers and capture functions (engine only)';

-- Applications never read the buffers: capture functions are SECURITY DEFINER.
REVOKE ALL ON SCHEMA pgtrickle_changes FROM PUBLIC;

---------------------------------------------------------------------------------------------------
-- Settings (DESIGN §3). Only values that differ from the engine's defaults are stored; the
-- defaults, types and validation rules are declared once in the engine.
---------------------------------------------------------------------------------------------------
CREATE TABLE pgtrickle.pgt_settings (
    key         text        PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]*$'),
    value       text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  name        NOT NULL DEFAULT current_user
);

---------------------------------------------------------------------------------------------------
-- Catalog generation: every engine caches the dependency graph and reloads it when this number
-- moves. Bumped (and announced on channel pgtrickle_catalog) by create, alter, drop and config set.
---------------------------------------------------------------------------------------------------
CREATE TABLE pgtrickle.pgt_catalog_generation (
    singleton   boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    generation  bigint      NOT NULL,
    changed_at  timestamptz NOT NULL
);
INSERT INTO pgtrickle.pgt_catalog_generation (singleton, generation, changed_at) VALUES (true, 0, now());

CREATE FUNCTION pgtrickle.bump_catalog_generation(reason text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pgtrickle
AS $$
DECLARE
    next_generation bigint;
BEGIN
    UPDATE pgtrickle.pgt_catalog_generation
       SET generation = generation + 1, changed_at = clock_timestamp()
     RETURNING generation INTO next_generation;
    PERFORM pg_notify('pgtrickle_catalog',
                      json_build_object('generation', next_generation, 'reason', reason)::text);
    RETURN next_generation;
END
$$;

---------------------------------------------------------------------------------------------------
-- Qualified names as DESIGN §4 reads them: [schema.]name, default schema public, unquoted parts
-- fold to lower case, double-quoted parts are taken literally.
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.split_qualified_name(qualified_name text, OUT schema_name text, OUT object_name text)
LANGUAGE plpgsql
IMMUTABLE STRICT
SET search_path = pg_catalog
AS $$
DECLARE
    parts text[];
BEGIN
    parts := parse_ident(qualified_name);
    IF array_length(parts, 1) = 1 THEN
        schema_name := 'public';
        object_name := parts[1];
    ELSIF array_length(parts, 1) = 2 THEN
        schema_name := parts[1];
        object_name := parts[2];
    ELSE
        RAISE EXCEPTION 'invalid stream table name "%": expected [schema.]name', qualified_name
            USING ERRCODE = 'invalid_name';
    END IF;
END
$$;

---------------------------------------------------------------------------------------------------
-- Stream tables.
---------------------------------------------------------------------------------------------------
CREATE TABLE pgtrickle.pgt_stream_tables (
    pgt_id                   bigserial   PRIMARY KEY,
    pgt_schema               text        NOT NULL,
    pgt_name                 text        NOT NULL,
    storage                  regclass    NOT NULL,
    -- The query with every relation schema-qualified; what FULL refreshes and the DVM read.
    defining_query           text        NOT NULL,
    -- The query exactly as the user wrote it.
    original_query           text        NOT NULL,
    -- NULL means CALCULATED: the tightest schedule among the stream tables that read this one.
    schedule                 text,
    refresh_mode             text        NOT NULL DEFAULT 'AUTO'
                                         CHECK (refresh_mode IN ('AUTO', 'FULL', 'DIFFERENTIAL')),
    -- What AUTO resolved to when the query was derived, and why it is not DIFFERENTIAL if so.
    effective_mode           text        NOT NULL DEFAULT 'DIFFERENTIAL'
                                         CHECK (effective_mode IN ('FULL', 'DIFFERENTIAL')),
    fallback_reason          text,
    status                   text        NOT NULL DEFAULT 'INITIALIZING'
                                         CHECK (status IN ('INITIALIZING', 'ACTIVE', 'SUSPENDED', 'ERROR')),
    is_populated             boolean     NOT NULL DEFAULT false,
    needs_reinit             boolean     NOT NULL DEFAULT false,
    reinit_reason            text,
    consecutive_errors       integer     NOT NULL DEFAULT 0,
    last_error               text,
    -- Whether __pgt_row_id is unique (a key was derived) or a content hash shared by duplicates.
    keyed_row_ids            boolean     NOT NULL DEFAULT false,
    scc_id                   integer,
    last_fixpoint_iterations integer,
    last_converged_at        timestamptz,
    -- Session context of the creator, applied with SET LOCAL by every refresh (DESIGN §2).
    time_zone                text        NOT NULL,
    search_path              text        NOT NULL,
    created_by               name        NOT NULL DEFAULT current_user,
    -- Last successful refresh of any action (NO_DATA included): staleness is measured from here.
    last_refresh_at          timestamptz,
    -- Last time a refresh changed rows of the storage table.
    data_timestamp           timestamptz,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pgt_stream_tables_name_key UNIQUE (pgt_schema, pgt_name),
    CONSTRAINT pgt_stream_tables_storage_key UNIQUE (storage)
);
CREATE INDEX pgt_stream_tables_status_idx ON pgtrickle.pgt_stream_tables (status);

COMMENT ON TABLE pgtrickle.pgt_stream_tables IS 'One row per stream table; the engine is the only writer';

---------------------------------------------------------------------------------------------------
-- What each stream table reads. A stream table over another stream table has a row whose source
-- is that table's storage (source_type STREAM_TABLE).
---------------------------------------------------------------------------------------------------
CREATE TABLE pgtrickle.pgt_dependencies (
    pgt_id             bigint   NOT NULL REFERENCES pgtrickle.pgt_stream_tables ON DELETE CASCADE,
    source             regclass NOT NULL,
    -- Kept as text so that messages can still name a source after it was dropped.
    source_schema      text     NOT NULL,
    source_name        text     NOT NULL,
    source_type        text     NOT NULL CHECK (source_type IN ('TABLE', 'STREAM_TABLE', 'VIEW', 'MATVIEW', 'FOREIGN_TABLE')),
    columns_used       text[]   NOT NULL,
    -- Names and types of the used columns when the query was derived; compared before each refresh.
    column_fingerprint text     NOT NULL,
    PRIMARY KEY (pgt_id, source)
);
CREATE INDEX pgt_dependencies_source_idx ON pgtrickle.pgt_dependencies (source);

---------------------------------------------------------------------------------------------------
-- Change capture: one buffer per source, shared by every stream table that reads it.
-- The buffer lives in pgtrickle_changes under buffer_table; its name never depends on an OID.
---------------------------------------------------------------------------------------------------
CREATE TABLE pgtrickle.pgt_change_tracking (
    buffer_id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source         regclass    NOT NULL UNIQUE,
    source_schema  text        NOT NULL,
    source_name    text        NOT NULL,
    buffer_table   text        NOT NULL UNIQUE,
    trigger_mode   text        NOT NULL CHECK (trigger_mode IN ('statement', 'row')),
    installed_at   timestamptz NOT NULL DEFAULT now(),
    last_pruned_at timestamptz
);

---------------------------------------------------------------------------------------------------
-- Frontiers: how far each stream table has consumed each source. A frontier is the snapshot of
-- the refresh that consumed the source last; the next refresh consumes exactly the buffer rows
-- whose writer is visible in its own snapshot and was not visible in this one (DESIGN §2).
---------------------------------------------------------------------------------------------------
CREATE TABLE pgtrickle.pgt_frontiers (
    pgt_id      bigint      NOT NULL REFERENCES pgtrickle.pgt_stream_tables ON DELETE CASCADE,
    source      regclass    NOT NULL,
    snapshot    pg_snapshot NOT NULL,
    advanced_at timestamptz NOT NULL,
    PRIMARY KEY (pgt_id, source)
);
CREATE INDEX pgt_frontiers_source_idx ON pgtrickle.pgt_frontiers (source);

---------------------------------------------------------------------------------------------------
-- Refresh history: one row per refresh of any kind, failures included (written in a transaction
-- of their own so that the failed refresh's rollback does not erase them). No foreign key: the
-- history of a dropped stream table stays readable.
---------------------------------------------------------------------------------------------------
CREATE TABLE pgtrickle.pgt_refresh_history (
    refresh_id         bigserial   PRIMARY KEY,
    pgt_id             bigint      NOT NULL,
    pgt_schema         text        NOT NULL,
    pgt_name           text        NOT NULL,
    action             text        NOT NULL CHECK (action IN ('NO_DATA', 'DIFFERENTIAL', 'FULL', 'REINITIALIZE', 'SKIP')),
    status             text        NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED', 'SKIPPED')),
    initiated_by       text        NOT NULL CHECK (initiated_by IN ('SCHEDULER', 'MANUAL', 'INITIAL')),
    rows_inserted      bigint      NOT NULL DEFAULT 0,
    rows_deleted       bigint      NOT NULL DEFAULT 0,
    start_time         timestamptz NOT NULL,
    end_time           timestamptz,
    duration_ms        double precision
                       GENERATED ALWAYS AS (extract(epoch FROM (end_time - start_time)) * 1000) STORED,
    reason             text,
    error_message      text,
    fixpoint_iteration integer,
    engine             text
);
CREATE INDEX pgt_refresh_history_pgt_idx ON pgtrickle.pgt_refresh_history (pgt_id, refresh_id DESC);
CREATE INDEX pgt_refresh_history_running_idx ON pgtrickle.pgt_refresh_history (status) WHERE status = 'RUNNING';

---------------------------------------------------------------------------------------------------
-- The guard: only the engine writes a storage table. The engine sets pgtrickle.internal_refresh
-- with SET LOCAL inside its own refresh transactions.
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.guard_stream_table()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
    IF coalesce(current_setting('pgtrickle.internal_refresh', true), '') <> 'on' THEN
        RAISE EXCEPTION 'cannot % stream table %.%: it is maintained by Trickle',
                        lower(TG_OP), quote_ident(TG_TABLE_SCHEMA), quote_ident(TG_TABLE_NAME)
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Change its query with "trickle alter", or refresh it with "trickle refresh".';
    END IF;
    RETURN NULL;
END
$$;

---------------------------------------------------------------------------------------------------
-- Monitoring views (DESIGN §5).
---------------------------------------------------------------------------------------------------
CREATE VIEW pgtrickle.stream_tables_info AS
SELECT st.pgt_id,
       st.pgt_schema,
       st.pgt_name,
       st.storage,
       st.status,
       st.refresh_mode,
       st.effective_mode,
       st.fallback_reason,
       coalesce(st.schedule, 'calculated') AS schedule,
       st.is_populated,
       st.needs_reinit,
       st.consecutive_errors,
       st.last_error,
       st.scc_id,
       st.last_fixpoint_iterations,
       st.last_refresh_at,
       st.data_timestamp,
       now() - st.last_refresh_at AS staleness,
       st.created_at,
       st.defining_query
  FROM pgtrickle.pgt_stream_tables st;

CREATE VIEW pgtrickle.pg_stat_stream_tables AS
SELECT st.pgt_id,
       st.pgt_schema,
       st.pgt_name,
       st.status,
       st.refresh_mode,
       st.effective_mode,
       coalesce(st.schedule, 'calculated') AS schedule,
       now() - st.last_refresh_at AS staleness,
       st.consecutive_errors,
       st.scc_id,
       st.last_fixpoint_iterations,
       coalesce(h.total_refreshes, 0)      AS total_refreshes,
       coalesce(h.successful_refreshes, 0) AS successful_refreshes,
       coalesce(h.failed_refreshes, 0)     AS failed_refreshes,
       coalesce(h.skipped_refreshes, 0)    AS skipped_refreshes,
       coalesce(h.rows_inserted, 0)        AS rows_inserted,
       coalesce(h.rows_deleted, 0)         AS rows_deleted,
       h.avg_duration_ms,
       last.action                         AS last_action,
       last.status                         AS last_status,
       last.start_time                     AS last_start_time
  FROM pgtrickle.pgt_stream_tables st
  LEFT JOIN LATERAL (
        SELECT count(*)                                   AS total_refreshes,
               count(*) FILTER (WHERE status = 'COMPLETED') AS successful_refreshes,
               count(*) FILTER (WHERE status = 'FAILED')    AS failed_refreshes,
               count(*) FILTER (WHERE status = 'SKIPPED')   AS skipped_refreshes,
               sum(rows_inserted)                         AS rows_inserted,
               sum(rows_deleted)                          AS rows_deleted,
               avg(duration_ms) FILTER (WHERE status = 'COMPLETED') AS avg_duration_ms
          FROM pgtrickle.pgt_refresh_history rh
         WHERE rh.pgt_id = st.pgt_id) h ON true
  LEFT JOIN LATERAL (
        SELECT rh.action, rh.status, rh.start_time
          FROM pgtrickle.pgt_refresh_history rh
         WHERE rh.pgt_id = st.pgt_id
         ORDER BY rh.refresh_id DESC
         LIMIT 1) last ON true;
