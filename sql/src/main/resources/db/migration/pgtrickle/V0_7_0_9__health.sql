-- Trickle catalog, version 0.7.0.9: what a DBA without Prometheus asks (issue 16).
--
-- The engine's metrics endpoint (trickle run --metrics-port) reads the same functions, so that a
-- scrape and a psql session never disagree: schedule_interval() and stream_table_lag for freshness
-- against schedule and the slowest upstream, change_buffers() for capture backlog, health() for one
-- row per problem. Nothing here writes; every function is STABLE and runs with the caller's rights.

---------------------------------------------------------------------------------------------------
-- schedule_interval(schedule): the period of a duration schedule as the catalog stores it ('90',
-- '30s', '1h30m', '2w'); NULL for a cron schedule and for NULL (calculated).
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.schedule_interval(schedule text)
RETURNS interval
LANGUAGE sql
IMMUTABLE
SET search_path = pg_catalog
AS $$
    SELECT CASE
             WHEN schedule ~ '^\d+$' THEN make_interval(secs => schedule::double precision)
             WHEN lower(schedule) ~ '^(\d+[smhdw])+$' THEN (
                 SELECT sum(m[1]::bigint * CASE m[2] WHEN 's' THEN interval '1 second'
                                                     WHEN 'm' THEN interval '1 minute'
                                                     WHEN 'h' THEN interval '1 hour'
                                                     WHEN 'd' THEN interval '1 day'
                                                     ELSE interval '7 days' END)
                   FROM regexp_matches(lower(schedule), '(\d+)([smhdw])', 'g') AS m)
           END
$$;

COMMENT ON FUNCTION pgtrickle.schedule_interval(text) IS
    'Period of a duration schedule (30s, 1h30m, 90); NULL for cron and calculated schedules';

---------------------------------------------------------------------------------------------------
-- stream_table_lag: one row per stream table — how stale it is against its (effective) schedule,
-- and the upstream on its path that is furthest behind: a stream table it reads, directly or
-- through others (behind by its own staleness), or a source with a watermark (behind by the
-- watermark's age). effective_interval is the own period, or for a calculated schedule the tightest
-- period among the stream tables that read it through calculated ones (DESIGN §2); NULL for cron.
-- slowest_upstream is NULL when nothing upstream is behind more than the table itself: then its
-- own refresh is what keeps it stale.
---------------------------------------------------------------------------------------------------
CREATE VIEW pgtrickle.stream_table_lag AS
WITH RECURSIVE st AS (
    SELECT s.pgt_id, s.pgt_schema, s.pgt_name, s.storage,
           -- An IMMEDIATE table has no schedule (it is not calculated) and is current while it is live.
           CASE WHEN s.refresh_mode = 'IMMEDIATE' THEN 'immediate' ELSE s.schedule END AS schedule,
           s.status, s.last_refresh_at,
           pgtrickle.schedule_interval(s.schedule) AS own_interval,
           CASE WHEN s.refresh_mode = 'IMMEDIATE' AND s.status = 'ACTIVE' AND NOT s.needs_reinit THEN interval '0'
                ELSE now() - s.last_refresh_at END AS staleness
      FROM pgtrickle.pgt_stream_tables s
), edges AS (
    SELECT d.pgt_id AS reader, up.pgt_id AS upstream
      FROM pgtrickle.pgt_dependencies d
      JOIN st up ON up.storage = d.source
), readers (pgt_id, period, depth) AS (
    SELECT e.upstream, r.own_interval, 1
      FROM edges e
      JOIN st r ON r.pgt_id = e.reader
      JOIN st u ON u.pgt_id = e.upstream
     WHERE r.own_interval IS NOT NULL AND u.schedule IS NULL
    UNION ALL
    SELECT e.upstream, rd.period, rd.depth + 1
      FROM readers rd
      JOIN edges e ON e.reader = rd.pgt_id
      JOIN st u ON u.pgt_id = e.upstream
     WHERE u.schedule IS NULL AND rd.depth < 64
), upstream (pgt_id, source, depth) AS (
    SELECT d.pgt_id, d.source, 1
      FROM pgtrickle.pgt_dependencies d
    UNION
    SELECT u.pgt_id, d.source, u.depth + 1
      FROM upstream u
      JOIN st s ON s.storage = u.source
      JOIN pgtrickle.pgt_dependencies d ON d.pgt_id = s.pgt_id
     WHERE u.depth < 64
), behind AS (
    SELECT DISTINCT ON (u.pgt_id)
           u.pgt_id,
           CASE WHEN us.pgt_id IS NOT NULL THEN format('%I.%I', us.pgt_schema, us.pgt_name)
                ELSE pgtrickle.watermark_source_name(u.source) END AS name,
           CASE WHEN us.pgt_id IS NOT NULL THEN 'STREAM_TABLE' ELSE 'WATERMARK' END AS kind,
           coalesce(us.staleness, now() - w.watermark) AS lag
      FROM upstream u
      LEFT JOIN st us ON us.storage = u.source
      LEFT JOIN pgtrickle.pgt_watermarks w ON w.source = u.source
     WHERE (us.pgt_id IS NOT NULL AND us.pgt_id <> u.pgt_id AND us.staleness IS NOT NULL)
        OR (us.pgt_id IS NULL AND w.watermark IS NOT NULL)
     ORDER BY u.pgt_id, coalesce(us.staleness, now() - w.watermark) DESC
)
SELECT s.pgt_id,
       s.pgt_schema,
       s.pgt_name,
       coalesce(s.schedule, 'calculated') AS schedule,
       coalesce(s.own_interval, (SELECT min(rd.period) FROM readers rd WHERE rd.pgt_id = s.pgt_id)) AS effective_interval,
       s.status,
       s.last_refresh_at,
       s.staleness,
       CASE WHEN b.lag > coalesce(s.staleness, interval '0') THEN b.name END AS slowest_upstream,
       CASE WHEN b.lag > coalesce(s.staleness, interval '0') THEN b.kind END AS slowest_upstream_kind,
       CASE WHEN b.lag > coalesce(s.staleness, interval '0') THEN b.lag END AS slowest_upstream_lag
  FROM st s
  LEFT JOIN behind b ON b.pgt_id = s.pgt_id;

COMMENT ON VIEW pgtrickle.stream_table_lag IS
    'Staleness of each stream table against its effective schedule, and the upstream furthest behind';

---------------------------------------------------------------------------------------------------
-- change_buffers(): one row per captured source — the changes its oldest reader has not consumed
-- yet (counted up to 1,000,000: beyond that the number only says "very many"), the buffer's size on
-- disk, and how long ago that reader last consumed it (the age of the oldest change it still has to
-- read is at most that; 0 when nothing is waiting).
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.change_buffers()
RETURNS TABLE (source text, buffer text, pending_rows bigint, buffer_bytes bigint, oldest_pending interval)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog
AS $$
DECLARE
    t record;
    oldest record;
BEGIN
    FOR t IN SELECT ct.source AS rel, format('%I.%I', ct.source_schema, ct.source_name) AS name,
                    format('%I.%I', 'pgtrickle_changes', ct.buffer_table) AS buf
               FROM pgtrickle.pgt_change_tracking ct
              ORDER BY ct.source_schema, ct.source_name
    LOOP
        source := t.name;
        buffer := t.buf;
        buffer_bytes := pg_total_relation_size(t.buf::regclass);
        SELECT f.snapshot, f.advanced_at INTO oldest
          FROM pgtrickle.pgt_frontiers f
         WHERE f.source = t.rel
         ORDER BY f.advanced_at
         LIMIT 1;
        IF NOT FOUND THEN
            pending_rows := 0;
            oldest_pending := interval '0';
        ELSE
            EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM %s b WHERE NOT pg_visible_in_snapshot(b.xid, $1)'
                           ' LIMIT 1000000) x', t.buf)
               INTO pending_rows USING oldest.snapshot;
            oldest_pending := CASE WHEN pending_rows > 0 THEN now() - oldest.advanced_at ELSE interval '0' END;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$$;

COMMENT ON FUNCTION pgtrickle.change_buffers() IS
    'Captured changes not yet consumed by the slowest reader of each source, and the buffers'' size';

---------------------------------------------------------------------------------------------------
-- health(): one row per problem, worst first; no rows when all is well.
--   NO_LEADER            stream tables exist and no engine schedules this database
--   SUSPENDED            a stream table stopped being refreshed after max_consecutive_errors failures
--   FAILING              its last refreshes failed (consecutive_errors > 0), not suspended yet
--   STALE                staleness beyond twice its effective schedule (cron and never-read
--                        calculated tables have none to compare with)
--   BUFFER_GROWING       a source has changes no reader consumed for over ten times the tightest
--                        reader's period and at least five minutes
--   WATERMARK_MISALIGNED a watermark group's sources are further apart than its tolerance
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.health()
RETURNS TABLE (severity text, problem text, object text, detail text)
LANGUAGE sql
STABLE
SET search_path = pg_catalog
AS $$
    SELECT p.severity, p.problem, p.object, p.detail
      FROM (
        SELECT 'CRITICAL' AS severity, 'NO_LEADER' AS problem, current_database()::text AS object,
               'no Trickle engine schedules this database: start trickle run' AS detail, 0 AS rank
         WHERE EXISTS (SELECT 1 FROM pgtrickle.pgt_stream_tables)
           AND pgtrickle.scheduler_leader_pid() IS NULL
        UNION ALL
        SELECT 'CRITICAL', 'SUSPENDED', format('%I.%I', s.pgt_schema, s.pgt_name),
               format('suspended after %s failures in a row: %s', s.consecutive_errors, coalesce(s.last_error, '?')), 1
          FROM pgtrickle.pgt_stream_tables s
         WHERE s.status IN ('SUSPENDED', 'ERROR')
        UNION ALL
        SELECT 'WARNING', 'FAILING', format('%I.%I', s.pgt_schema, s.pgt_name),
               format('%s failed refreshes in a row: %s', s.consecutive_errors, coalesce(s.last_error, '?')), 2
          FROM pgtrickle.pgt_stream_tables s
         WHERE s.consecutive_errors > 0 AND s.status NOT IN ('SUSPENDED', 'ERROR')
        UNION ALL
        SELECT 'WARNING', 'STALE', format('%I.%I', l.pgt_schema, l.pgt_name),
               format('last refreshed %s ago, schedule %s%s', date_trunc('second', l.staleness), l.schedule,
                      CASE WHEN l.slowest_upstream IS NOT NULL
                           THEN format('; slowest upstream %s, %s behind', l.slowest_upstream,
                                       date_trunc('second', l.slowest_upstream_lag)) ELSE '' END), 3
          FROM pgtrickle.stream_table_lag l
         WHERE l.status = 'ACTIVE' AND l.effective_interval IS NOT NULL
           AND l.staleness > 2 * l.effective_interval
        UNION ALL
        SELECT 'WARNING', 'BUFFER_GROWING', b.source,
               format('%s changes waiting, the oldest reader consumed %s ago', b.pending_rows,
                      date_trunc('second', b.oldest_pending)), 4
          FROM pgtrickle.change_buffers() b
         WHERE b.pending_rows > 0
           AND b.oldest_pending > greatest(interval '5 minutes', 10 * coalesce((
                   SELECT min(l.effective_interval)
                     FROM pgtrickle.pgt_dependencies d
                     JOIN pgtrickle.stream_table_lag l ON l.pgt_id = d.pgt_id
                    WHERE format('%I.%I', d.source_schema, d.source_name) = b.source), interval '0'))
        UNION ALL
        SELECT 'WARNING', 'WATERMARK_MISALIGNED', a.group_name,
               format('sources %s apart (tolerance %s); lagging: %s', coalesce(a.lag::text, '?'), a.tolerance,
                      array_to_string(a.lagging_sources, ', ')), 5
          FROM pgtrickle.watermark_alignment() a
         WHERE NOT a.aligned
      ) p
     ORDER BY p.rank, p.object
$$;

COMMENT ON FUNCTION pgtrickle.health() IS
    'One row per problem of the Trickle catalog (no leader, suspended, failing, stale, buffer growing, misaligned)';
