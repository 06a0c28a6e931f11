-- Trickle catalog, version 0.7.0.10: sources that are not plain tables (issue 19).
--
-- 1. Sources whose changes cannot be captured (system catalogs and views, sequences) are recorded, so
--    that a refresh reading one is FULL every time, never NO_DATA.
-- 2. Float row identities change: tables with a float column are reinitialised once.
-- 3. The fingerprint a refresh checks its sources by (pgtrickle.column_fingerprint) also covers a
--    view's definition and, for a table in a partition or inheritance tree, the tree: its parents,
--    and its descendants with their storage (relfilenode), so that a partition attached, detached,
--    created, dropped or truncated on its own, or a child added or removed, recomputes the readers.
-- 4. run_refresh checks a view by its fingerprint only (it has no buffer: its changes are those of
--    the relations beneath it), says which part of a fingerprint changed, measures a tree's rows over
--    the whole tree, and asks the engine to compile again when a source or the stream table itself was
--    renamed (the compiled refresh names them).

---------------------------------------------------------------------------------------------------
-- Sources whose changes cannot be captured are recorded like any other (issue 19), so that a refresh
-- that reads one never concludes that nothing changed: SYSTEM for system catalogs and system views
-- (pg_class, pg_stat_activity, information_schema), SEQUENCE for sequences. A user view is recorded
-- beside the relations beneath it (source_type VIEW, as before) so that a redefinition is noticed.
---------------------------------------------------------------------------------------------------
ALTER TABLE pgtrickle.pgt_dependencies
    DROP CONSTRAINT pgt_dependencies_source_type_check,
    ADD CONSTRAINT pgt_dependencies_source_type_check
        CHECK (source_type IN ('TABLE', 'STREAM_TABLE', 'VIEW', 'MATVIEW', 'FOREIGN_TABLE', 'SYSTEM', 'SEQUENCE'));

---------------------------------------------------------------------------------------------------
-- Row identities of floating-point values change (issue 19): a float zero hashed to 0, as a NULL
-- does, so the groups 0 and NULL of a float column shared a row id. Stream tables with a float column
-- are reinitialised once, by their next refresh, so that every stored row id is computed anew.
---------------------------------------------------------------------------------------------------
UPDATE pgtrickle.pgt_stream_tables st
   SET needs_reinit = true,
       reinit_reason = 'the engine computes the row identity of floating-point values anew (a zero and NULL told apart)'
 WHERE EXISTS (SELECT 1 FROM pg_attribute a
                WHERE a.attrelid = st.storage AND a.attnum > 0 AND NOT a.attisdropped
                  AND a.atttypid IN ('real'::regtype, 'double precision'::regtype));

---------------------------------------------------------------------------------------------------
-- Sources in a partition or inheritance tree were captured by triggers on the source alone, which
-- miss writes naming another level of the tree. Their readers are recomputed once, by their next
-- refresh, which also moves capture to row triggers where the tree needs them.
---------------------------------------------------------------------------------------------------
UPDATE pgtrickle.pgt_stream_tables st
   SET needs_reinit = true,
       reinit_reason = coalesce(st.reinit_reason || '; ', '') || 'writes naming a partition or inheritance child of a'
                       || ' source, or its parent, were not captured by catalogs before 0.7.0.10'
 WHERE EXISTS (SELECT 1 FROM pgtrickle.pgt_dependencies d JOIN pg_class c ON c.oid = d.source
                WHERE d.pgt_id = st.pgt_id AND d.source_type IN ('TABLE', 'STREAM_TABLE')
                  AND (c.relkind = 'p' OR c.relispartition
                       OR EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid OR i.inhparent = c.oid)));

---------------------------------------------------------------------------------------------------
-- The fingerprints of sources (3). A part per aspect, so that a refresh can say which one changed:
-- the columns used (md5 hex, as before), then 'v' and the md5 of a view's rule (without source
-- positions), then 't' and the md5 of a table's place in a partition or inheritance tree. A table in
-- no tree and a view keep the fingerprint they had. Fingerprints recorded by 0.7.0.5 that still match
-- what they described are brought to the new form, so that the upgrade recomputes nothing.
---------------------------------------------------------------------------------------------------
CREATE TEMPORARY TABLE pgt_unchanged_sources AS
SELECT d.pgt_id, d.source FROM pgtrickle.pgt_dependencies d
 WHERE d.column_fingerprint = pgtrickle.column_fingerprint(d.source, d.columns_used);

-- Its direct parents, and every descendant with its relfilenode (which TRUNCATE, VACUUM FULL and
-- CLUSTER renew: a partition truncated on its own fires no trigger of the tree's root). NULL for a
-- table in no tree.
CREATE FUNCTION pgtrickle.tree_fingerprint(source regclass)
RETURNS text
LANGUAGE sql
STABLE
SET search_path = pg_catalog
SET jit = off
AS $$
    WITH RECURSIVE below(oid) AS (
        SELECT i.inhrelid FROM pg_inherits i WHERE i.inhparent = $1
        UNION
        SELECT i.inhrelid FROM below b JOIN pg_inherits i ON i.inhparent = b.oid)
    SELECT 't' || md5(coalesce((SELECT string_agg(i.inhparent::oid::text, ',' ORDER BY i.inhparent::oid)
                                  FROM pg_inherits i WHERE i.inhrelid = $1), '')
                      || '/' || coalesce((SELECT string_agg(c.oid::text || ':' || c.relfilenode::text, ',' ORDER BY c.oid)
                                            FROM below b JOIN pg_class c ON c.oid = b.oid), ''))
     WHERE EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = $1 OR i.inhparent = $1)
$$;

CREATE OR REPLACE FUNCTION pgtrickle.column_fingerprint(source regclass, columns text[])
RETURNS text
LANGUAGE sql
STABLE
SET search_path = pg_catalog
AS $$
    SELECT coalesce((SELECT md5(string_agg(a.attname || ':' || format_type(a.atttypid, a.atttypmod), ',' ORDER BY a.attname))
                       FROM pg_attribute a
                      WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped AND a.attname = ANY ($2)), '')
        || coalesce((SELECT 'v' || md5(regexp_replace(r.ev_action::text, ':location -?[0-9]+', '', 'g'))
                       FROM pg_rewrite r JOIN pg_class v ON v.oid = r.ev_class
                      WHERE r.ev_class = $1 AND v.relkind = 'v' AND r.rulename = '_RETURN'), '')
        || coalesce(pgtrickle.tree_fingerprint($1), '')
$$;

UPDATE pgtrickle.pgt_dependencies d SET column_fingerprint = pgtrickle.column_fingerprint(d.source, d.columns_used)
  FROM pgt_unchanged_sources u
 WHERE u.pgt_id = d.pgt_id AND u.source = d.source;

DROP TABLE pgt_unchanged_sources;

-- What changed between two fingerprints of a source, as a refresh's reason says it.
CREATE FUNCTION pgtrickle.fingerprint_change(name text, source_type text, recorded text, now text)
RETURNS text
LANGUAGE sql
IMMUTABLE
SET search_path = pg_catalog
AS $$
    SELECT CASE
        WHEN substring(recorded FROM '^[0-9a-f]*') IS DISTINCT FROM substring(now FROM '^[0-9a-f]*')
            THEN format('columns of %s used by the query changed (dropped, renamed or retyped)', name)
        WHEN substring(recorded FROM 'v[0-9a-f]+') IS DISTINCT FROM substring(now FROM 'v[0-9a-f]+')
            THEN format('view %s was redefined', name)
        ELSE format('the partitions or inheritance children of %s changed (attached, detached, created, dropped or'
                    ' truncated alone), or it joined or left such a tree', name)
    END
$$;

-- The rows of a source, over its whole tree (a partitioned table holds none itself; an inheritance
-- parent only its own), for AUTO's change ratio.
CREATE FUNCTION pgtrickle.source_rows(source regclass)
RETURNS double precision
LANGUAGE sql
STABLE
SET search_path = pg_catalog
SET jit = off
AS $$
    SELECT CASE WHEN NOT c.relhassubclass THEN c.reltuples
                ELSE (WITH RECURSIVE tree(oid) AS (
                          SELECT c.oid
                          UNION
                          SELECT i.inhrelid FROM tree t JOIN pg_inherits i ON i.inhparent = t.oid)
                      SELECT sum(greatest(r.reltuples, 0)) FROM tree t JOIN pg_class r ON r.oid = t.oid) END
      FROM pg_class c WHERE c.oid = $1
$$;

---------------------------------------------------------------------------------------------------
-- run_refresh of 0.7.0.8 (0.7.0.6's tuning and IMMEDIATE kept) with (4): views by fingerprint only, the changed part named, a tree's rows,
-- renames sent to the engine to compile again.
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
    v_renamed     text;
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
               CASE WHEN c.oid IS NOT NULL THEN pgtrickle.column_fingerprint(d.source, d.columns_used) END AS fingerprint,
               d.column_fingerprint AS recorded,
               CASE WHEN c.oid IS NOT NULL AND (n.nspname, c.relname) IS DISTINCT FROM (d.source_schema::name, d.source_name::name)
                    THEN format('%I.%I', n.nspname, c.relname) END AS renamed_to,
               ct.buffer_table, ct.buffer_format, ct.capture_error, f.snapshot,
               (SELECT b.reltuples FROM pg_class b WHERE b.oid = to_regclass('pgtrickle_changes.' || quote_ident(ct.buffer_table)))
                   AS buffer_rows,
               c.reltuples AS source_rows
          FROM pgtrickle.pgt_dependencies d
          LEFT JOIN pg_class c ON c.oid = d.source
          LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
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
        IF src.fingerprint IS DISTINCT FROM src.recorded AND p_reinitialize IS NULL THEN
            RETURN QUERY SELECT NULL::bigint, NULL::text, 0::bigint, 0::bigint, NULL::float8,
                pgtrickle.fingerprint_change(src.name, src.source_type, src.recorded, src.fingerprint),
                'SOURCE_CHANGED'::text, NULL::bigint, 'REINITIALIZE'::text, false;
            RETURN;
        END IF;
        IF src.renamed_to IS NOT NULL THEN
            v_renamed := coalesce(v_renamed || ', ', '') || format('%s to %s', src.name, src.renamed_to);
        END IF;
        IF v_immediate THEN
            CONTINUE;
        ELSIF src.source_type = 'VIEW' THEN
            -- A view has no buffer: its changes are those of the relations beneath it, recorded
            -- beside it; its definition is watched by its fingerprint.
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
    -- The compiled refresh names its sources and its storage table: after a rename the engine writes the
    -- stored query with the new names and compiles it again (the data stays: the query means what it meant).
    IF v_renamed IS NULL AND (SELECT (n.nspname, c.relname) IS DISTINCT FROM (st.pgt_schema::name, st.pgt_name::name)
                                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = st.storage) THEN
        v_renamed := (SELECT format('the stream table %I.%I to %I.%I', st.pgt_schema, st.pgt_name, n.nspname, c.relname)
                        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = st.storage);
    END IF;
    IF v_renamed IS NOT NULL AND p_reinitialize IS NULL THEN
        RETURN QUERY SELECT NULL::bigint, NULL::text, 0::bigint, 0::bigint, NULL::float8,
            'renamed: ' || v_renamed, NULL::text, NULL::bigint, 'COMPILE'::text, false;
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
                   f.snapshot, pgtrickle.source_rows(d.source) AS source_rows, b.reltuples AS buffer_rows,
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

