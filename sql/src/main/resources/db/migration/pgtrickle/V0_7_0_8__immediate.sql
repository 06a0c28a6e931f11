-- Trickle catalog, version 0.7.0.8: IMMEDIATE mode (issue 21).
--
-- An IMMEDIATE stream table is maintained inside the transaction that writes its sources, by
-- statement-level triggers the engine generates per stream table and source (functions
-- pgtrickle_changes."ivm_<pgt_id>_<n>_*"): the statement's transition tables are the change window
-- of the source it wrote, every other source's window is empty, and the same compiled delta and
-- apply as a differential refresh run before the statement returns. So the writer reads its own
-- change, and everyone reads it after commit. No change buffer, no frontier, no scheduler.
--
-- 1. refresh_mode and effective_mode accept IMMEDIATE.
-- 2. pgt_immediate: one row per IMMEDIATE table, updated once per writing transaction by its
--    triggers. Writers of one table's sources serialise on the table's refresh lock; this row makes a
--    REPEATABLE READ or SERIALIZABLE writer whose snapshot predates another writer's commit fail with
--    a serialization error (40001) instead of maintaining the table from a stale view of it.
-- 3. run_refresh: an IMMEDIATE table has nothing to refresh (NO_DATA, MAINTAINED_IMMEDIATELY); it is
--    recomputed only on request, at its first population or a reinitialisation, and then only by a
--    caller that locked its sources against writers first. It keeps no frontiers.
-- 4. The monitoring views: an IMMEDIATE table is never stale while it is maintained.

ALTER TABLE pgtrickle.pgt_stream_tables
    DROP CONSTRAINT pgt_stream_tables_refresh_mode_check,
    ADD CONSTRAINT pgt_stream_tables_refresh_mode_check
        CHECK (refresh_mode IN ('AUTO', 'FULL', 'DIFFERENTIAL', 'IMMEDIATE')),
    DROP CONSTRAINT pgt_stream_tables_effective_mode_check,
    ADD CONSTRAINT pgt_stream_tables_effective_mode_check
        CHECK (effective_mode IN ('FULL', 'DIFFERENTIAL', 'IMMEDIATE'));

CREATE TABLE pgtrickle.pgt_immediate (
    pgt_id        bigint PRIMARY KEY REFERENCES pgtrickle.pgt_stream_tables ON DELETE CASCADE,
    -- The last transaction that maintained the table (set once per writing transaction).
    maintained_by xid8
);

COMMENT ON TABLE pgtrickle.pgt_immediate IS
    'One row per IMMEDIATE stream table, written by its maintenance triggers once per writing transaction';

---------------------------------------------------------------------------------------------------
-- Monitoring views: staleness of an IMMEDIATE table is zero while its writers maintain it (ACTIVE and
-- no reinitialisation pending); otherwise it is measured as for any table.
---------------------------------------------------------------------------------------------------
CREATE OR REPLACE VIEW pgtrickle.stream_tables_info AS
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
       CASE WHEN st.refresh_mode = 'IMMEDIATE' AND st.status = 'ACTIVE' AND NOT st.needs_reinit THEN interval '0'
            ELSE now() - st.last_refresh_at END AS staleness,
       st.created_at,
       st.defining_query
  FROM pgtrickle.pgt_stream_tables st;

CREATE OR REPLACE VIEW pgtrickle.pg_stat_stream_tables AS
SELECT st.pgt_id,
       st.pgt_schema,
       st.pgt_name,
       st.status,
       st.refresh_mode,
       st.effective_mode,
       coalesce(st.schedule, 'calculated') AS schedule,
       CASE WHEN st.refresh_mode = 'IMMEDIATE' AND st.status = 'ACTIVE' AND NOT st.needs_reinit THEN interval '0'
            ELSE now() - st.last_refresh_at END AS staleness,
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

---------------------------------------------------------------------------------------------------
-- One refresh of one stream table (see 0.7.0.5, tuned in 0.7.0.6); for IMMEDIATE tables as said above.
---------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION pgtrickle.run_refresh(
    p_pgt_id             bigint,
    p_initiated_by       text             DEFAULT 'MANUAL',
    p_force_full         boolean          DEFAULT false,
    p_engine             text             DEFAULT NULL,
    p_compiler           text             DEFAULT NULL,
    p_lock_timeout_ms    bigint           DEFAULT 30000,
    p_max_change_ratio   double precision DEFAULT 0,
    p_full_above_changes bigint           DEFAULT NULL,
    p_full_above_reason  text             DEFAULT NULL,
    p_respect_watermarks boolean          DEFAULT false,
    p_fixpoint_iteration integer          DEFAULT NULL,
    p_note               text             DEFAULT NULL,
    p_reinitialize       text             DEFAULT NULL,
    p_reinitialize_code  text             DEFAULT NULL,
    p_full_reason        text             DEFAULT 'requested with --full',
    p_full_code          text             DEFAULT 'REQUESTED_FULL',
    p_abandoned_ms       double precision DEFAULT NULL,
    p_record_history     boolean          DEFAULT true,
    p_note_watermarks    boolean          DEFAULT false)
RETURNS TABLE (refresh_id bigint, action text, rows_inserted bigint, rows_deleted bigint,
               duration_ms double precision, reason text, reason_code text, source_changes bigint,
               needs text, held_back boolean)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    started       timestamptz := clock_timestamp();
    st            pgtrickle.pgt_stream_tables%ROWTYPE;
    src           record;
    v_held        boolean := false;
    v_action      text;
    v_reason      text;
    v_code        text;
    v_changes     bigint := 0;
    v_window      bigint;
    v_truncated   boolean;
    v_failed      boolean;
    v_any         boolean;
    v_probe       text;
    v_first_trunc text;
    v_no_frontier text;
    v_uncaptured  text;
    v_ratio_hit   text;
    v_saturated   text;
    v_inserted    bigint := 0;
    v_deleted     bigint := 0;
    v_id          bigint;
    v_immediate   boolean;
    v_unlocked    text;
BEGIN
    IF current_setting('transaction_isolation') NOT IN ('repeatable read', 'serializable') THEN
        RAISE EXCEPTION 'a refresh must run in a REPEATABLE READ transaction (it reads the change windows, the sources and the new frontiers in one snapshot)'
            USING ERRCODE = 'invalid_transaction_state',
                  HINT = 'BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT * FROM pgtrickle.refresh(''name''); COMMIT;';
    END IF;
    PERFORM set_config('lock_timeout', p_lock_timeout_ms || 'ms', true);
    PERFORM pg_advisory_xact_lock(1953655147, p_pgt_id::integer);
    SELECT * INTO st FROM pgtrickle.pgt_stream_tables s WHERE s.pgt_id = p_pgt_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'stream table with id % does not exist', p_pgt_id USING ERRCODE = 'undefined_object';
    END IF;
    -- An IMMEDIATE table is maintained by its writers; here it is only recomputed (--full, a first
    -- population, a reinitialisation) or said to have nothing to do.
    v_immediate := st.refresh_mode = 'IMMEDIATE';
    -- The guard lets this transaction write the storage table; a source's row-level security policy
    -- makes the refresh fail rather than silently filter what the stream table holds.
    PERFORM set_config('pgtrickle.internal_refresh', 'on', true);
    PERFORM set_config('row_security', 'off', true);

    -- One pass over the sources: gone, columns changed, captured or not, buffer format, frontier.
    FOR src IN
        SELECT d.source, format('%I.%I', d.source_schema, d.source_name) AS name, d.source_type,
               c.oid IS NULL AS gone,
               c.oid IS NOT NULL AND coalesce((SELECT md5(string_agg(a.attname || ':' || format_type(a.atttypid, a.atttypmod), ','
                                                                     ORDER BY a.attname))
                                                 FROM pg_attribute a
                                                WHERE a.attrelid = d.source AND a.attnum > 0 AND NOT a.attisdropped
                                                  AND a.attname = ANY (d.columns_used)), '') <> d.column_fingerprint AS changed,
               ct.buffer_table, ct.buffer_format, ct.capture_error, f.snapshot,
               (SELECT b.reltuples FROM pg_class b WHERE b.oid = to_regclass('pgtrickle_changes.' || quote_ident(ct.buffer_table)))
                   AS buffer_rows,
               c.reltuples AS source_rows
          FROM pgtrickle.pgt_dependencies d
          LEFT JOIN pg_class c ON c.oid = d.source
          LEFT JOIN pgtrickle.pgt_change_tracking ct ON ct.source = d.source
          LEFT JOIN pgtrickle.pgt_frontiers f ON f.pgt_id = d.pgt_id AND f.source = d.source
         WHERE d.pgt_id = p_pgt_id
         ORDER BY d.source_schema, d.source_name
    LOOP
        IF src.gone THEN
            RETURN QUERY SELECT NULL::bigint, NULL::text, 0::bigint, 0::bigint, NULL::float8,
                format('source %s was dropped', src.name), 'SOURCE_GONE'::text, NULL::bigint, 'SOURCE_GONE'::text, false;
            RETURN;
        END IF;
        IF src.changed AND p_reinitialize IS NULL THEN
            RETURN QUERY SELECT NULL::bigint, NULL::text, 0::bigint, 0::bigint, NULL::float8,
                format('columns of %s used by the query changed (dropped, renamed or retyped)', src.name),
                'SOURCE_CHANGED'::text, NULL::bigint, 'REINITIALIZE'::text, false;
            RETURN;
        END IF;
        IF v_immediate THEN
            CONTINUE;
        ELSIF src.source_type NOT IN ('TABLE', 'STREAM_TABLE') OR src.buffer_table IS NULL THEN
            v_uncaptured := coalesce(v_uncaptured || ', ', '') || src.name;
        ELSIF src.buffer_format <> 'typed' THEN
            RETURN QUERY SELECT NULL::bigint, NULL::text, 0::bigint, 0::bigint, NULL::float8,
                format('the change buffer of %s has the format of an older engine', src.name),
                'CAPTURE_UPGRADE'::text, NULL::bigint, 'CAPTURE_UPGRADE'::text, false;
            RETURN;
        ELSIF src.snapshot IS NULL THEN
            v_no_frontier := coalesce(v_no_frontier, src.name);
        ELSE
            v_probe := coalesce(v_probe || ' OR ', '') || format(
                'EXISTS (SELECT 1 FROM pgtrickle_changes.%I b WHERE b.xid >= pg_snapshot_xmin(%L::pg_snapshot)'
                ' AND NOT pg_visible_in_snapshot(b.xid, %L::pg_snapshot))', src.buffer_table, src.snapshot, src.snapshot);
        END IF;
    END LOOP;
    IF p_reinitialize IS NULL AND st.needs_reinit THEN
        RETURN QUERY SELECT NULL::bigint, NULL::text, 0::bigint, 0::bigint, NULL::float8,
            coalesce(st.reinit_reason, 'a reinitialisation is pending'), 'REINIT_PENDING'::text, NULL::bigint,
            'REINITIALIZE'::text, false;
        RETURN;
    END IF;
    IF st.compiled_version IS NULL OR (p_compiler IS NOT NULL AND st.compiled_version <> p_compiler)
       OR to_regprocedure(format('pgtrickle_changes.%I(text)', 'refresh_' || p_pgt_id)) IS NULL THEN
        RETURN QUERY SELECT NULL::bigint, NULL::text, 0::bigint, 0::bigint, NULL::float8,
            CASE WHEN st.compiled_version IS NULL THEN 'the refresh is not compiled'
                 ELSE format('the refresh was compiled by %s', st.compiled_version) END,
            'COMPILE'::text, NULL::bigint, 'COMPILE'::text, false;
        RETURN;
    END IF;
    -- Frontiers taken in another cluster (the catalog was restored there) mean nothing here.
    IF EXISTS (SELECT 1 FROM pgtrickle.pgt_cluster_origin o
                WHERE o.system_identifier IS DISTINCT FROM pgtrickle.cluster_identifier())
       OR EXISTS (SELECT 1 FROM pgtrickle.pgt_frontiers f
                   WHERE f.pgt_id = p_pgt_id AND pg_snapshot_xmax(f.snapshot) > pg_snapshot_xmax(pg_current_snapshot())) THEN
        RETURN QUERY SELECT NULL::bigint, NULL::text, 0::bigint, 0::bigint, NULL::float8,
            'the catalog''s frontiers come from another cluster'::text, 'FOREIGN_CATALOG'::text, NULL::bigint,
            'FOREIGN_CATALOG'::text, false;
        RETURN;
    END IF;
    v_held := NOT v_immediate AND (p_respect_watermarks OR p_note_watermarks) AND pgtrickle.watermark_held(p_pgt_id);
    IF p_respect_watermarks AND v_held THEN
        RETURN QUERY SELECT NULL::bigint, 'SKIP'::text, 0::bigint, 0::bigint, NULL::float8,
            'watermark_misaligned'::text, 'WATERMARK_MISALIGNED'::text, NULL::bigint, 'HELD_BACK'::text, true;
        RETURN;
    END IF;

    -- The change windows. Is anything there at all? (A refresh with nothing to do stops at this one
    -- statement.) Then, per source, how much, whether it was truncated, whether capture failed.
    v_any := false;
    IF v_probe IS NOT NULL THEN
        EXECUTE 'SELECT ' || v_probe INTO v_any;
    END IF;
    IF v_any THEN
        FOR src IN
            SELECT format('%I.%I', d.source_schema, d.source_name) AS name, d.source, ct.buffer_table, ct.capture_error,
                   f.snapshot, c.reltuples AS source_rows, b.reltuples AS buffer_rows,
                   pg_stat_get_mod_since_analyze(b.oid) AS buffer_changed
              FROM pgtrickle.pgt_dependencies d
              JOIN pgtrickle.pgt_change_tracking ct ON ct.source = d.source
              JOIN pgtrickle.pgt_frontiers f ON f.pgt_id = d.pgt_id AND f.source = d.source
              JOIN pg_class c ON c.oid = d.source
              LEFT JOIN pg_class b ON b.oid = to_regclass('pgtrickle_changes.' || quote_ident(ct.buffer_table))
             WHERE d.pgt_id = p_pgt_id AND d.source_type IN ('TABLE', 'STREAM_TABLE')
             ORDER BY d.source_schema, d.source_name
        LOOP
            EXECUTE format('SELECT count(*) FILTER (WHERE w.action IN (''I'', ''D'')), coalesce(bool_or(w.action = ''T''), false),'
                           ' coalesce(bool_or(w.action = ''R''), false)'
                           ' FROM (SELECT b.action FROM pgtrickle_changes.%I b'
                           ' WHERE b.xid >= pg_snapshot_xmin($1) AND NOT pg_visible_in_snapshot(b.xid, $1) LIMIT 10000000) w',
                           src.buffer_table)
               INTO v_window, v_truncated, v_failed USING src.snapshot;
            IF v_failed AND p_reinitialize IS NULL AND NOT p_force_full THEN
                RETURN QUERY SELECT NULL::bigint, NULL::text, 0::bigint, 0::bigint, NULL::float8,
                    format('capture of %s could not record a change (%s)', src.name, coalesce(src.capture_error, 'unknown error')),
                    'CAPTURE_FAILED'::text, NULL::bigint, 'REINITIALIZE'::text, false;
                RETURN;
            END IF;
            v_changes := v_changes + v_window;
            IF v_truncated AND v_first_trunc IS NULL THEN
                v_first_trunc := src.name;
            END IF;
            IF st.refresh_mode = 'AUTO' AND p_max_change_ratio > 0 AND v_ratio_hit IS NULL AND src.source_rows > 0
               AND v_window > p_max_change_ratio * src.source_rows THEN
                v_ratio_hit := format('%s changed rows in %s exceed differential_max_change_ratio %s of its ~%s rows',
                                      v_window, src.name, to_char(p_max_change_ratio, 'FM0.00'), round(src.source_rows)::bigint);
            END IF;
            -- The planner reads a window through the buffer's statistics; when they describe another
            -- buffer than the one there now (autovacuum has not caught up with a burst of writes, or
            -- most of the rows came since they were taken), it would plan a big window as a few rows:
            -- the statistics are taken again first (a sample of the buffer; a few milliseconds).
            IF v_window >= 1000 AND (coalesce(src.buffer_rows, -1) < v_window / 2
                                     OR coalesce(src.buffer_changed, 0) >= v_window / 2) THEN
                EXECUTE format('ANALYZE pgtrickle_changes.%I', src.buffer_table);
            END IF;
        END LOOP;
    END IF;

    -- The strategy (DESIGN §2): every FULL says why, with a code.
    IF p_reinitialize IS NOT NULL THEN
        v_action := 'REINITIALIZE'; v_reason := p_reinitialize; v_code := coalesce(p_reinitialize_code, 'REINIT_PENDING');
    ELSIF NOT st.is_populated THEN
        v_action := 'FULL'; v_reason := 'first population of a table created without data'; v_code := 'FIRST_POPULATION';
    ELSIF v_no_frontier IS NOT NULL THEN
        v_action := 'FULL'; v_reason := 'no frontier for source ' || v_no_frontier; v_code := 'NO_FRONTIER';
    ELSIF p_force_full THEN
        v_action := 'FULL'; v_reason := p_full_reason; v_code := p_full_code;
    ELSIF v_immediate THEN
        v_action := 'NO_DATA'; v_reason := 'maintained in the writing transaction (IMMEDIATE)';
        v_code := 'MAINTAINED_IMMEDIATELY';
    ELSIF v_uncaptured IS NOT NULL THEN
        v_action := 'FULL'; v_reason := 'reads ' || v_uncaptured || ', whose changes cannot be captured';
        v_code := 'UNCAPTURED_SOURCE';
    ELSIF v_changes = 0 AND v_first_trunc IS NULL THEN
        v_action := 'NO_DATA';
    ELSIF v_first_trunc IS NOT NULL THEN
        v_action := 'FULL'; v_reason := 'source ' || v_first_trunc || ' was truncated'; v_code := 'SOURCE_TRUNCATED';
    ELSIF st.effective_mode = 'FULL' THEN
        v_action := 'FULL'; v_reason := coalesce(st.fallback_reason, 'refresh mode FULL');
        v_code := CASE WHEN st.refresh_mode = 'FULL' THEN 'MODE_FULL' ELSE 'NOT_DIFFERENTIABLE' END;
    ELSIF st.refresh_mode = 'AUTO' AND v_ratio_hit IS NOT NULL THEN
        v_action := 'FULL'; v_reason := v_ratio_hit; v_code := 'CHANGE_RATIO';
    ELSIF st.refresh_mode = 'AUTO' AND st.rescans_groups
          AND v_changes >= (SELECT greatest(c.reltuples, 1) FROM pg_class c WHERE c.oid = st.storage) THEN
        -- Aggregates recomputed per touched group: with at least as many changes as there are groups,
        -- nearly every group would be recomputed, which costs more than recomputing them all at once.
        v_action := 'FULL'; v_code := 'AGGREGATE_SATURATION';
        v_reason := format('%s changed rows touch about every one of the ~%s groups, each recomputed from its sources',
                           v_changes, (SELECT round(greatest(c.reltuples, 0))::bigint FROM pg_class c WHERE c.oid = st.storage));
    ELSIF st.refresh_mode = 'AUTO' AND p_full_above_changes IS NOT NULL AND v_changes > p_full_above_changes THEN
        v_action := 'FULL'; v_code := 'COST_MODEL';
        v_reason := format('cheaper in full: %s changed rows are more than the %s a differential refresh handles faster than a full one',
                           v_changes, p_full_above_changes) || coalesce(' (' || p_full_above_reason || ')', '');
    ELSE
        v_action := 'DIFFERENTIAL';
    END IF;

    IF v_immediate AND v_action <> 'NO_DATA' THEN
        -- Recomputing while a writer maintains the table would apply a difference taken in an older
        -- snapshot over the writer's rows: the caller locks the sources against writers first (as the
        -- transaction's first statements, before its snapshot), and this checks that it did.
        SELECT string_agg(format('%I.%I', d.source_schema, d.source_name), ', ' ORDER BY d.source_schema, d.source_name)
          INTO v_unlocked
          FROM pgtrickle.pgt_dependencies d
         WHERE d.pgt_id = p_pgt_id AND d.source_type IN ('TABLE', 'STREAM_TABLE')
           AND NOT EXISTS (SELECT 1 FROM pg_locks l
                            WHERE l.locktype = 'relation' AND l.relation = d.source AND l.pid = pg_backend_pid()
                              AND l.granted AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock',
                                                           'AccessExclusiveLock'));
        IF v_unlocked IS NOT NULL THEN
            RAISE EXCEPTION 'recomputing IMMEDIATE stream table %.% needs its sources locked against writers first (%)',
                            quote_ident(st.pgt_schema), quote_ident(st.pgt_name), v_unlocked
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Run "trickle refresh ' || quote_ident(st.pgt_schema) || '.' || quote_ident(st.pgt_name)
                             || ' --full", or start the REPEATABLE READ transaction with LOCK TABLE ' || v_unlocked
                             || ' IN SHARE MODE.';
        END IF;
    END IF;

    IF v_action <> 'NO_DATA' THEN
        -- A large window is planned for its own size every time; small ones may reuse the session's plan.
        PERFORM set_config('plan_cache_mode', CASE WHEN v_action = 'DIFFERENTIAL' AND v_changes < 1000 THEN 'auto'
                                                   ELSE 'force_custom_plan' END, true);
        -- FULL recomputes and applies the difference (an empty storage table is simply filled).
        EXECUTE format('SELECT r.__pgt_inserted, r.__pgt_deleted FROM pgtrickle_changes.%I($1) r', 'refresh_' || p_pgt_id)
           INTO v_inserted, v_deleted USING CASE WHEN v_action = 'DIFFERENTIAL' THEN 'DIFFERENTIAL' ELSE 'FULL' END;
    END IF;

    -- Every captured source is now consumed up to this transaction's snapshot.
    IF v_immediate THEN
        -- Its writers maintain it: no frontier may hold back the pruning of a buffer other readers share.
        DELETE FROM pgtrickle.pgt_frontiers f WHERE f.pgt_id = p_pgt_id;
    ELSIF v_no_frontier IS NULL AND v_action IN ('NO_DATA', 'DIFFERENTIAL') THEN
        UPDATE pgtrickle.pgt_frontiers f SET snapshot = pg_current_snapshot(), advanced_at = clock_timestamp()
         WHERE f.pgt_id = p_pgt_id;
    ELSE
        DELETE FROM pgtrickle.pgt_frontiers f
         WHERE f.pgt_id = p_pgt_id
           AND NOT EXISTS (SELECT 1 FROM pgtrickle.pgt_dependencies d JOIN pgtrickle.pgt_change_tracking ct ON ct.source = d.source
                            WHERE d.pgt_id = p_pgt_id AND d.source = f.source);
        INSERT INTO pgtrickle.pgt_frontiers AS f (pgt_id, source, snapshot, advanced_at)
        SELECT p_pgt_id, d.source, pg_current_snapshot(), clock_timestamp()
          FROM pgtrickle.pgt_dependencies d JOIN pgtrickle.pgt_change_tracking ct ON ct.source = d.source
         WHERE d.pgt_id = p_pgt_id
        ON CONFLICT ON CONSTRAINT pgt_frontiers_pkey
        DO UPDATE SET snapshot = excluded.snapshot, advanced_at = excluded.advanced_at;
    END IF;
    IF v_action = 'REINITIALIZE' THEN
        UPDATE pgtrickle.pgt_change_tracking ct SET capture_error = NULL
         WHERE ct.capture_error IS NOT NULL
           AND ct.source IN (SELECT d.source FROM pgtrickle.pgt_dependencies d WHERE d.pgt_id = p_pgt_id);
    END IF;

    v_reason := CASE WHEN p_note IS NULL THEN v_reason WHEN v_reason IS NULL THEN p_note ELSE v_reason || '; ' || p_note END;
    IF NOT p_record_history THEN
        UPDATE pgtrickle.pgt_stream_tables s
           SET last_refresh_at = clock_timestamp(),
               data_timestamp = CASE WHEN v_inserted + v_deleted > 0 OR NOT st.is_populated THEN clock_timestamp()
                                     ELSE s.data_timestamp END,
               is_populated = true, needs_reinit = false, reinit_reason = NULL, consecutive_errors = 0, last_error = NULL,
               status = CASE WHEN s.status IN ('INITIALIZING', 'ERROR') THEN 'ACTIVE' ELSE s.status END, updated_at = now()
         WHERE s.pgt_id = p_pgt_id;
        RETURN QUERY SELECT NULL::bigint, v_action, v_inserted, v_deleted,
                            extract(epoch FROM clock_timestamp() - started)::float8 * 1000, v_reason, v_code, v_changes,
                            NULL::text, v_held;
        RETURN;
    END IF;
    -- The table's bookkeeping and its history row, in one statement.
    WITH marked AS (
        UPDATE pgtrickle.pgt_stream_tables s
           SET last_refresh_at = clock_timestamp(),
               data_timestamp = CASE WHEN v_inserted + v_deleted > 0 OR NOT st.is_populated THEN clock_timestamp()
                                     ELSE s.data_timestamp END,
               is_populated = true, needs_reinit = false, reinit_reason = NULL, consecutive_errors = 0, last_error = NULL,
               status = CASE WHEN s.status IN ('INITIALIZING', 'ERROR') THEN 'ACTIVE' ELSE s.status END, updated_at = now()
         WHERE s.pgt_id = p_pgt_id
     RETURNING s.pgt_id)
    INSERT INTO pgtrickle.pgt_refresh_history AS h (pgt_id, pgt_schema, pgt_name, action, status, initiated_by,
        rows_inserted, rows_deleted, start_time, end_time, reason, reason_code, fixpoint_iteration, engine, source_changes,
        abandoned_differential_ms)
    SELECT m.pgt_id, st.pgt_schema, st.pgt_name, v_action, 'COMPLETED', p_initiated_by, v_inserted, v_deleted,
           started, clock_timestamp(), v_reason, v_code, p_fixpoint_iteration, p_engine, v_changes, p_abandoned_ms
      FROM marked m
    RETURNING h.refresh_id INTO v_id;

    RETURN QUERY SELECT v_id, v_action, v_inserted, v_deleted, extract(epoch FROM clock_timestamp() - started)::float8 * 1000,
                        v_reason, v_code, v_changes, NULL::text, v_held;
END
$$;

COMMENT ON FUNCTION pgtrickle.run_refresh(bigint, text, boolean, text, text, bigint, double precision, bigint, text,
                                          boolean, integer, text, text, text, text, text, double precision, boolean, boolean) IS
    'One refresh of one stream table in the caller''s REPEATABLE READ transaction; the engine''s and pgtrickle.refresh()''s entry point';
