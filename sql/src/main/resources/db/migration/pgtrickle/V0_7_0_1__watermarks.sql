-- Trickle catalog, version 0.7.0.1: watermark gating for batch ETL.
--
-- Sources filled by separate ETL jobs finish at different times. Each job says how far it has
-- loaded its table with advance_watermark(); tables that must be loaded up to the same point form a
-- watermark group. Before a stream table is refreshed by the scheduler, every group with at least
-- two members among the relations beneath it (followed through stream tables over stream tables)
-- must be aligned.
--
-- "Aligned" is decided in exactly one place, watermark_alignment(): every member has a watermark,
-- and the newest minus the oldest is within the group's tolerance. A member that has not reported
-- yet counts as lagging, so a half-set-up pipeline waits instead of publishing half-loaded data.
-- watermark_status() and the engine's gate both read that function, so they cannot disagree.
--
-- Every function here is plain PL/pgSQL or SQL (DESIGN §2) with a fixed search_path. Watermark
-- writes are transactional: an ETL job can COPY its data and advance its watermark in one
-- transaction, and the scheduler sees both at COMMIT, when the NOTIFY is delivered too.

---------------------------------------------------------------------------------------------------
-- Catalog tables (DESIGN §5).
---------------------------------------------------------------------------------------------------
CREATE TABLE pgtrickle.pgt_watermarks (
    source      regclass    PRIMARY KEY,
    -- The data in source is complete up to this point in time (the producer's promise).
    watermark   timestamptz NOT NULL CHECK (isfinite(watermark)),
    -- When the watermark last moved (transaction time of the advance), and who moved it.
    updated_at  timestamptz NOT NULL DEFAULT now(),
    advanced_by name        NOT NULL DEFAULT current_user,
    -- WAL position at that advance: where in the log the producer's data ends at the latest.
    wal_lsn     pg_lsn      NOT NULL
);

COMMENT ON TABLE pgtrickle.pgt_watermarks IS
    'How far each source is loaded, as its producer declared with pgtrickle.advance_watermark()';

CREATE TABLE pgtrickle.pgt_watermark_groups (
    group_name text        PRIMARY KEY CHECK (btrim(group_name) <> ''),
    -- Distinct members, in the order given; at least two (one source is always aligned with itself).
    sources    regclass[]  NOT NULL CHECK (cardinality(sources) >= 2 AND array_position(sources, NULL) IS NULL),
    tolerance  interval    NOT NULL DEFAULT '0' CHECK (tolerance >= interval '0'),
    created_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE pgtrickle.pgt_watermark_groups IS
    'Sources that must be loaded up to the same point (within tolerance) before the stream tables over them refresh';

---------------------------------------------------------------------------------------------------
-- How a source is named in messages and results: always schema-qualified, quoted where
-- PostgreSQL needs quotes. A member whose table was dropped keeps its OID in the group's array.
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.watermark_source_name(source regclass)
RETURNS text
LANGUAGE sql
STABLE
SET search_path = pg_catalog
AS $$
    SELECT coalesce(
        (SELECT format('%I.%I', n.nspname, c.relname)
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.oid = $1),
        format('dropped relation %s', $1::oid))
$$;

---------------------------------------------------------------------------------------------------
-- The checks every source given to the watermark API passes: not NULL, still existing, and a
-- relation that holds loaded rows. Views are refused: stream tables record the tables beneath a
-- view as their sources, so a watermark on the view itself would never gate anything.
-- Returns the source's display name.
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.checked_watermark_source(source regclass, context text)
RETURNS text
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog
AS $$
DECLARE
    kind "char";
    source_name text;
BEGIN
    IF source IS NULL THEN
        RAISE EXCEPTION '%: the source must not be NULL', context
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT c.relkind, format('%I.%I', n.nspname, c.relname) INTO kind, source_name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = source;
    IF NOT FOUND THEN
        RAISE EXCEPTION '%: relation with OID % does not exist', context, source::oid
            USING ERRCODE = 'undefined_table';
    END IF;
    IF kind NOT IN ('r', 'p', 'f', 'm') THEN
        RAISE EXCEPTION '%: % is %, not a table; watermarks belong to the tables that ETL jobs load',
            context, source_name,
            CASE kind WHEN 'v' THEN 'a view' WHEN 'S' THEN 'a sequence' WHEN 'i' THEN 'an index'
                      WHEN 'I' THEN 'an index' WHEN 'c' THEN 'a composite type' WHEN 't' THEN 'a TOAST table'
                      ELSE format('a relation of kind %s', kind) END
            USING ERRCODE = 'wrong_object_type';
    END IF;
    RETURN source_name;
END
$$;

---------------------------------------------------------------------------------------------------
-- advance_watermark(source, watermark): the producer of source says it has loaded everything up
-- to watermark. Watermarks only move forward: an older value is refused, naming both values; the
-- same value again changes nothing (a rerun of a finished job is harmless). A real advance records
-- the WAL position and wakes the scheduler (channel pgtrickle_watermark, delivered at COMMIT).
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.advance_watermark(source regclass, watermark timestamptz)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pgtrickle
AS $$
DECLARE
    source_name text;
    current_mark timestamptz;
BEGIN
    source_name := pgtrickle.checked_watermark_source(source, 'cannot advance a watermark');
    IF watermark IS NULL THEN
        RAISE EXCEPTION 'cannot advance the watermark of %: the new watermark must not be NULL', source_name
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF NOT isfinite(watermark) THEN
        RAISE EXCEPTION 'cannot advance the watermark of %: the new watermark must be a finite timestamp, not %', source_name, watermark
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    LOOP
        -- The row lock serialises concurrent producers of one source: each compares with the
        -- value the other committed.
        SELECT w.watermark INTO current_mark
          FROM pgtrickle.pgt_watermarks w
         WHERE w.source = advance_watermark.source
           FOR UPDATE;
        IF FOUND THEN
            IF advance_watermark.watermark < current_mark THEN
                RAISE EXCEPTION 'cannot move the watermark of % backward: current %, attempted %',
                    source_name, current_mark, advance_watermark.watermark
                    USING ERRCODE = 'invalid_parameter_value',
                          HINT = 'Watermarks only move forward; a rerun of a load that is already covered needs no advance.';
            ELSIF advance_watermark.watermark = current_mark THEN
                RETURN;
            END IF;
            UPDATE pgtrickle.pgt_watermarks w
               SET watermark = advance_watermark.watermark, updated_at = now(), advanced_by = current_user,
                   wal_lsn = pg_current_wal_lsn()
             WHERE w.source = advance_watermark.source;
            EXIT;
        END IF;
        INSERT INTO pgtrickle.pgt_watermarks AS w (source, watermark, updated_at, advanced_by, wal_lsn)
        VALUES (advance_watermark.source, advance_watermark.watermark, now(), current_user, pg_current_wal_lsn())
        ON CONFLICT ON CONSTRAINT pgt_watermarks_pkey DO NOTHING;
        -- Not inserted: another producer of this source inserted first; lock its row and compare.
        EXIT WHEN FOUND;
    END LOOP;
    PERFORM pg_notify('pgtrickle_watermark',
                      json_build_object('event', 'advanced', 'source', source_name,
                                        'watermark', advance_watermark.watermark)::text);
END
$$;

COMMENT ON FUNCTION pgtrickle.advance_watermark(regclass, timestamptz) IS
    'Declares that source is loaded up to watermark; monotonic, and wakes the Trickle scheduler';

---------------------------------------------------------------------------------------------------
-- create_watermark_group(group_name, sources, tolerance): at least two distinct existing sources,
-- a tolerance of zero or more, and a name not in use. A source may belong to several groups.
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.create_watermark_group(group_name text, sources regclass[], tolerance interval DEFAULT '0')
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pgtrickle
AS $$
DECLARE
    context text;
    member regclass;
    member_number integer := 0;
    members regclass[] := '{}';
BEGIN
    IF group_name IS NULL OR btrim(group_name) = '' THEN
        RAISE EXCEPTION 'cannot create a watermark group without a name'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    context := format('cannot create watermark group %s', quote_ident(group_name));
    IF EXISTS (SELECT 1 FROM pgtrickle.pgt_watermark_groups g WHERE g.group_name = create_watermark_group.group_name) THEN
        RAISE EXCEPTION '%: it already exists', context
            USING ERRCODE = 'duplicate_object',
                  HINT = 'Drop it first with pgtrickle.drop_watermark_group() to change its sources or tolerance.';
    END IF;
    IF sources IS NULL THEN
        RAISE EXCEPTION '%: the sources must not be NULL', context
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF tolerance IS NULL THEN
        RAISE EXCEPTION '%: the tolerance must not be NULL (use interval ''0'' for none)', context
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF tolerance < interval '0' THEN
        RAISE EXCEPTION '%: the tolerance must not be negative, got %', context, tolerance
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF array_ndims(sources) > 1 THEN
        RAISE EXCEPTION '%: the sources must be a one-dimensional array', context
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOREACH member IN ARRAY coalesce(sources, '{}') LOOP
        member_number := member_number + 1;
        IF member IS NULL THEN
            RAISE EXCEPTION '%: source % of the list is NULL', context, member_number
                USING ERRCODE = 'null_value_not_allowed';
        END IF;
        PERFORM pgtrickle.checked_watermark_source(member, context);
        IF member = ANY (members) THEN
            RAISE EXCEPTION '%: % is listed twice', context, pgtrickle.watermark_source_name(member)
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        members := members || member;
    END LOOP;
    IF cardinality(members) < 2 THEN
        RAISE EXCEPTION '%: it needs at least two sources, got %', context,
            CASE WHEN cardinality(members) = 0 THEN 'none'
                 ELSE 'only ' || pgtrickle.watermark_source_name(members[1]) END
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO pgtrickle.pgt_watermark_groups AS g (group_name, sources, tolerance, created_at)
    VALUES (create_watermark_group.group_name, members, create_watermark_group.tolerance, now());
    PERFORM pg_notify('pgtrickle_watermark',
                      json_build_object('event', 'group_created', 'group_name', group_name)::text);
END
$$;

COMMENT ON FUNCTION pgtrickle.create_watermark_group(text, regclass[], interval) IS
    'Declares sources that must be loaded up to the same point (within tolerance) before the stream tables over them refresh';

---------------------------------------------------------------------------------------------------
-- drop_watermark_group(group_name). The stream tables it held back may refresh at the next tick.
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.drop_watermark_group(group_name text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pgtrickle
AS $$
BEGIN
    IF group_name IS NULL THEN
        RAISE EXCEPTION 'cannot drop a watermark group without a name'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    DELETE FROM pgtrickle.pgt_watermark_groups g WHERE g.group_name = drop_watermark_group.group_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cannot drop watermark group %: it does not exist', quote_ident(group_name)
            USING ERRCODE = 'undefined_object';
    END IF;
    PERFORM pg_notify('pgtrickle_watermark',
                      json_build_object('event', 'group_dropped', 'group_name', group_name)::text);
END
$$;

---------------------------------------------------------------------------------------------------
-- The alignment rule, once. A group is aligned when every member has a watermark and
-- max - min <= tolerance (inclusive). lagging_sources names what it waits for: the members
-- without a watermark if any (a dropped member counts as one), else the members at the minimum;
-- empty when aligned. lag is max - min over the members that have a watermark.
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.watermark_alignment()
RETURNS TABLE (group_name text, sources regclass[], tolerance interval, min_watermark timestamptz,
               max_watermark timestamptz, lag interval, aligned boolean, sources_with_watermark integer,
               sources_total integer, lagging_sources text[])
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pgtrickle
AS $$
    WITH members AS (
        SELECT g.group_name,
               pgtrickle.watermark_source_name(m.source) AS source_name,
               w.watermark,
               min(w.watermark) OVER (PARTITION BY g.group_name) AS group_min
          FROM pgtrickle.pgt_watermark_groups g
         CROSS JOIN LATERAL unnest(g.sources) AS m(source)
          LEFT JOIN pgtrickle.pgt_watermarks w
                 ON w.source = m.source AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.source)
    ), per_group AS (
        SELECT mb.group_name,
               min(mb.watermark) AS min_watermark,
               max(mb.watermark) AS max_watermark,
               count(mb.watermark)::integer AS with_watermark,
               count(*)::integer AS total,
               array_agg(mb.source_name ORDER BY mb.source_name) FILTER (WHERE mb.watermark IS NULL) AS missing,
               array_agg(mb.source_name ORDER BY mb.source_name) FILTER (WHERE mb.watermark = mb.group_min) AS oldest
          FROM members mb
         GROUP BY mb.group_name
    ), judged AS (
        SELECT g.group_name, g.sources, g.tolerance, p.min_watermark, p.max_watermark,
               p.max_watermark - p.min_watermark AS lag,
               p.with_watermark = p.total AND p.max_watermark - p.min_watermark <= g.tolerance AS aligned,
               p.with_watermark, p.total, p.missing, p.oldest
          FROM pgtrickle.pgt_watermark_groups g
          JOIN per_group p ON p.group_name = g.group_name
    )
    SELECT j.group_name, j.sources, j.tolerance, j.min_watermark, j.max_watermark, j.lag, j.aligned,
           j.with_watermark, j.total,
           CASE WHEN j.aligned THEN '{}'::text[] ELSE coalesce(j.missing, j.oldest) END
      FROM judged j
     ORDER BY j.group_name
$$;

COMMENT ON FUNCTION pgtrickle.watermark_alignment() IS
    'The one alignment rule: what watermark_status() reports and what the Trickle scheduler gates on';

---------------------------------------------------------------------------------------------------
-- Introspection (DESIGN §5).
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.watermarks()
RETURNS TABLE (source_table text, schema_name text, watermark timestamptz, updated_at timestamptz,
               advanced_by text, wal_lsn pg_lsn)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pgtrickle
AS $$
    SELECT format('%I.%I', n.nspname, c.relname), n.nspname::text, w.watermark, w.updated_at,
           w.advanced_by::text, w.wal_lsn
      FROM pgtrickle.pgt_watermarks w
      JOIN pg_class c ON c.oid = w.source
      JOIN pg_namespace n ON n.oid = c.relnamespace
     ORDER BY n.nspname, c.relname
$$;

CREATE FUNCTION pgtrickle.watermark_groups()
RETURNS TABLE (group_name text, sources regclass[], tolerance interval, created_at timestamptz)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pgtrickle
AS $$
    SELECT g.group_name, g.sources, g.tolerance, g.created_at
      FROM pgtrickle.pgt_watermark_groups g
     ORDER BY g.group_name
$$;

CREATE FUNCTION pgtrickle.watermark_status()
RETURNS TABLE (group_name text, min_watermark timestamptz, max_watermark timestamptz, lag interval,
               aligned boolean, sources_with_watermark integer, sources_total integer)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pgtrickle
AS $$
    SELECT a.group_name, a.min_watermark, a.max_watermark, a.lag, a.aligned, a.sources_with_watermark,
           a.sources_total
      FROM pgtrickle.watermark_alignment() a
     ORDER BY a.group_name
$$;
