-- Trickle catalog, version 0.7.0.11: nobody acts as the engine (issue 18).
--
-- The engine role is the role that installed the catalog: the owner of schema pgtrickle. An engine
-- role is any role that has its privileges (pg_has_role ... 'USAGE': itself, its members that
-- inherit, superusers). Only engine roles may write storage tables (the guard), hold the
-- scheduler's leadership (a lock on pgtrickle.pgt_leader, which no other role may take), or write
-- the watermark table. Roles that load sources advance watermarks through advance_watermark(),
-- which checks that the caller may write the source.

---------------------------------------------------------------------------------------------------
-- Who the engine is.
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.engine_role()
RETURNS regrole
LANGUAGE sql
STABLE
SET search_path = pg_catalog
AS $$
    SELECT n.nspowner::regrole FROM pg_namespace n WHERE n.nspname = 'pgtrickle'
$$;

COMMENT ON FUNCTION pgtrickle.engine_role() IS
    'The role that installed the Trickle catalog; engine roles are the roles with its privileges';

CREATE FUNCTION pgtrickle.is_engine_role(role_name name)
RETURNS boolean
LANGUAGE sql
STABLE
SET search_path = pg_catalog
AS $$
    SELECT coalesce(pg_has_role(r.oid, n.nspowner, 'USAGE'), false)
      FROM pg_namespace n
      LEFT JOIN pg_roles r ON r.rolname = role_name
     WHERE n.nspname = 'pgtrickle'
$$;

COMMENT ON FUNCTION pgtrickle.is_engine_role(name) IS
    'Whether a role has the privileges of the role that installed the Trickle catalog';

---------------------------------------------------------------------------------------------------
-- The role a SECURITY DEFINER function acts for. Inside such a function current_user is the
-- function's owner; the setting "role" still holds what the session chose with SET ROLE (a role the
-- session may become), and session_user is the role that logged in. Either is a role the caller can
-- act as anyway, so checking its rights grants nothing the caller did not have.
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.calling_role()
RETURNS name
LANGUAGE sql
STABLE
SET search_path = pg_catalog
AS $$
    SELECT CASE WHEN coalesce(current_setting('role', true), 'none') IN ('none', '') THEN session_user
                ELSE current_setting('role', true)::name END
$$;

---------------------------------------------------------------------------------------------------
-- The storage guard: writes inside a refresh transaction (the setting) by an engine role. A role
-- that was granted INSERT on a storage table can set the setting too; it is not an engine role.
---------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION pgtrickle.guard_stream_table()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
    IF coalesce(current_setting('pgtrickle.internal_refresh', true), '') = 'on'
       AND pgtrickle.is_engine_role(current_user) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'cannot % stream table %.%: it is maintained by Trickle',
                    lower(TG_OP), quote_ident(TG_TABLE_SCHEMA), quote_ident(TG_TABLE_NAME)
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'Change its query with "trickle alter", or refresh it with "trickle refresh".';
END
$$;

---------------------------------------------------------------------------------------------------
-- Leadership. The scheduling engine holds an EXCLUSIVE lock on this view in an open transaction of
-- its own (no snapshot, no transaction id: it holds back neither vacuum nor anyone's refresh).
-- Taking a lock that conflicts needs UPDATE, DELETE or TRUNCATE on the view, which no role but the
-- engine's has: an advisory lock, which any role with CONNECT can take, could be squatted.
-- A view, not a table, so that VACUUM and ANALYZE never wait for the leader.
---------------------------------------------------------------------------------------------------
CREATE VIEW pgtrickle.pgt_leader AS
SELECT 'the Trickle engine that schedules this database holds an EXCLUSIVE lock on this view'::text AS note;

REVOKE ALL ON pgtrickle.pgt_leader FROM PUBLIC;

COMMENT ON VIEW pgtrickle.pgt_leader IS
    'Held (LOCK ... IN EXCLUSIVE MODE) by the session of the Trickle engine that schedules this database';

-- The leader's session; during a rolling upgrade, an engine of an older release leading by the
-- advisory lock (1953655148, 0) it used. The advisory lock counts only when an engine role holds it:
-- any role can take one.
CREATE OR REPLACE FUNCTION pgtrickle.scheduler_leader_pid()
RETURNS integer
LANGUAGE sql
STABLE
SET search_path = pg_catalog
AS $$
    SELECT coalesce(
        (SELECT l.pid
           FROM pg_locks l
          WHERE l.locktype = 'relation'
            AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
            AND l.relation = 'pgtrickle.pgt_leader'::regclass
            AND l.mode = 'ExclusiveLock'
            AND l.granted
          LIMIT 1),
        (SELECT l.pid
           FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory'
            AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
            AND l.classid = 1953655148::oid AND l.objid = 0::oid AND l.objsubid = 2
            AND l.granted
            AND pgtrickle.is_engine_role(a.usename)
          LIMIT 1))
$$;

---------------------------------------------------------------------------------------------------
-- Sessions of roles that are not engine roles holding a stream table's refresh lock (the advisory
-- lock class 'trik' = 1953655147, AdvisoryLocks.REFRESH_CLASS in the engine): such a session delays
-- that table's refreshes, and the engine reports it instead of waiting in silence.
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.lock_squatters()
RETURNS TABLE (pgt_id bigint, stream_table text, pid integer, role_name name, since timestamptz)
LANGUAGE sql
STABLE
SET search_path = pg_catalog
AS $$
    SELECT l.objid::bigint,
           (SELECT format('%I.%I', st.pgt_schema, st.pgt_name) FROM pgtrickle.pgt_stream_tables st
             WHERE st.pgt_id = l.objid::bigint),
           l.pid, a.usename, a.xact_start
      FROM pg_locks l
      JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory'
       AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
       AND l.classid = 1953655147::oid
       AND l.objsubid = 2
       AND l.granted
       AND NOT pgtrickle.is_engine_role(a.usename)
     ORDER BY 1, 3
$$;

COMMENT ON FUNCTION pgtrickle.lock_squatters() IS
    'Sessions of roles without the engine''s privileges that hold a stream table''s refresh lock';

---------------------------------------------------------------------------------------------------
-- Watermarks: sources that are system catalogs or Trickle's own tables are refused, so are callers
-- who may not write the source. The watermark table is written through advance_watermark() only.
---------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION pgtrickle.checked_watermark_source(source regclass, context text)
RETURNS text
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog
AS $$
DECLARE
    kind "char";
    schema_name name;
    source_name text;
BEGIN
    IF source IS NULL THEN
        RAISE EXCEPTION '%: the source must not be NULL', context
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT c.relkind, n.nspname, format('%I.%I', n.nspname, c.relname) INTO kind, schema_name, source_name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = source;
    IF NOT FOUND THEN
        RAISE EXCEPTION '%: relation with OID % does not exist', context, source::oid
            USING ERRCODE = 'undefined_table';
    END IF;
    IF schema_name IN ('pg_catalog', 'information_schema', 'pgtrickle', 'pgtrickle_changes')
       OR schema_name LIKE 'pg\_toast%' OR schema_name LIKE 'pg\_temp\_%' THEN
        RAISE EXCEPTION '%: % is %, not a table that ETL jobs load', context, source_name,
            CASE WHEN schema_name LIKE 'pgtrickle%' THEN 'part of Trickle''s catalog'
                 WHEN schema_name LIKE 'pg\_temp\_%' THEN 'a temporary table'
                 ELSE 'a system catalog' END
            USING ERRCODE = 'wrong_object_type';
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

-- Runs as the engine role (the watermark table is the engine's); acts for pgtrickle.calling_role(),
-- which must be allowed to write the source.
CREATE OR REPLACE FUNCTION pgtrickle.advance_watermark(source regclass, watermark timestamptz)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pgtrickle
AS $$
DECLARE
    source_name text;
    caller name := pgtrickle.calling_role();
    current_mark timestamptz;
BEGIN
    source_name := pgtrickle.checked_watermark_source(source, 'cannot advance a watermark');
    IF NOT has_table_privilege(caller, source, 'INSERT, UPDATE, DELETE, TRUNCATE') THEN
        RAISE EXCEPTION 'role % may not advance the watermark of %: only roles that may write it (INSERT, UPDATE, DELETE or TRUNCATE) may',
            quote_ident(caller), source_name
            USING ERRCODE = 'insufficient_privilege',
                  HINT = format('GRANT INSERT ON %s TO %I, if that role loads it.', source_name, caller);
    END IF;
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
               SET watermark = advance_watermark.watermark, updated_at = now(), advanced_by = caller,
                   wal_lsn = pg_current_wal_lsn()
             WHERE w.source = advance_watermark.source;
            EXIT;
        END IF;
        INSERT INTO pgtrickle.pgt_watermarks AS w (source, watermark, updated_at, advanced_by, wal_lsn)
        VALUES (advance_watermark.source, advance_watermark.watermark, now(), caller, pg_current_wal_lsn())
        ON CONFLICT ON CONSTRAINT pgt_watermarks_pkey DO NOTHING;
        -- Not inserted: another producer of this source inserted first; lock its row and compare.
        EXIT WHEN FOUND;
    END LOOP;
    PERFORM pg_notify('pgtrickle_watermark',
                      json_build_object('event', 'advanced', 'source', source_name,
                                        'watermark', advance_watermark.watermark)::text);
END
$$;

-- Groups decide what the scheduler holds back: engine roles only, said in words.
CREATE FUNCTION pgtrickle.require_engine_role(action text)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog
AS $$
BEGIN
    IF NOT pgtrickle.is_engine_role(current_user) THEN
        RAISE EXCEPTION 'role % may not %: only Trickle engine roles (roles with the privileges of %) may',
            quote_ident(current_user), action, pgtrickle.engine_role()
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION pgtrickle.create_watermark_group(group_name text, sources regclass[], tolerance interval DEFAULT '0')
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
    PERFORM pgtrickle.require_engine_role('create watermark groups');
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

CREATE OR REPLACE FUNCTION pgtrickle.drop_watermark_group(group_name text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pgtrickle
AS $$
BEGIN
    PERFORM pgtrickle.require_engine_role('drop watermark groups');
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

-- What every role with USAGE on pgtrickle may read, whatever its grants on the catalog tables.
ALTER FUNCTION pgtrickle.watermarks() SECURITY DEFINER;
ALTER FUNCTION pgtrickle.watermark_groups() SECURITY DEFINER;
ALTER FUNCTION pgtrickle.watermark_status() SECURITY DEFINER;
ALTER FUNCTION pgtrickle.watermark_alignment() SECURITY DEFINER;

-- Older READMEs told DBAs to grant INSERT and UPDATE on the watermark table to ETL roles: with
-- them, a direct UPDATE could move a watermark backward or forge advanced_by. Take them back.
DO $$
DECLARE
    grantee text;
BEGIN
    FOR grantee IN
        SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END
          FROM pg_class c
         CROSS JOIN LATERAL aclexplode(c.relacl) a
          LEFT JOIN pg_roles r ON r.oid = a.grantee
         WHERE c.oid = 'pgtrickle.pgt_watermarks'::regclass
           AND a.grantee <> c.relowner
           AND a.privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')
    LOOP
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON pgtrickle.pgt_watermarks FROM %s', grantee);
    END LOOP;
END
$$;

-- And should someone grant them again: writes by roles that are not engine roles are refused.
CREATE FUNCTION pgtrickle.guard_watermarks()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
    IF NOT pgtrickle.is_engine_role(current_user) THEN
        RAISE EXCEPTION 'cannot % pgtrickle.pgt_watermarks directly: advance a watermark with pgtrickle.advance_watermark(source, watermark)',
            lower(TG_OP)
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER pgtrickle_guard BEFORE INSERT OR UPDATE OR DELETE ON pgtrickle.pgt_watermarks
    FOR EACH STATEMENT EXECUTE FUNCTION pgtrickle.guard_watermarks();
CREATE TRIGGER pgtrickle_guard_truncate BEFORE TRUNCATE ON pgtrickle.pgt_watermarks
    FOR EACH STATEMENT EXECUTE FUNCTION pgtrickle.guard_watermarks();

---------------------------------------------------------------------------------------------------
-- Each used column's name and type when the query was derived (name:type, by name), so that a
-- change under a stream table is told column by column: which column was dropped, renamed or
-- retyped, from what to what. NULL for rows written before this version.
---------------------------------------------------------------------------------------------------
ALTER TABLE pgtrickle.pgt_dependencies ADD COLUMN column_types text[];

---------------------------------------------------------------------------------------------------
-- Which catalog version is installed is no secret: an ETL role (USAGE on pgtrickle) running
-- "trickle watermark advance" reads it before calling advance_watermark().
---------------------------------------------------------------------------------------------------
GRANT SELECT ON pgtrickle.pgt_schema_history TO PUBLIC;

---------------------------------------------------------------------------------------------------
-- Refresh from SQL runs with the caller's rights (no SECURITY DEFINER anywhere on the refresh
-- path: run_refresh, the compiled pgtrickle_changes.refresh_<id>, none granted to PUBLIC). A role
-- that was granted EXECUTE on pgtrickle.refresh without being an engine role is told so up front,
-- rather than failing on the first catalog table it may not write or at the storage guard.
-- As in 0.7.0.5 otherwise.
---------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION pgtrickle.refresh(name text, full_refresh boolean DEFAULT false)
RETURNS TABLE (stream_table text, action text, rows_inserted bigint, rows_deleted bigint,
               duration_ms double precision, reason text)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    target  record;
    outcome record;
    setting record;
    v_lock  bigint := 30000;
    v_ratio double precision := 0.15;
BEGIN
    PERFORM pgtrickle.require_engine_role('refresh stream table ' || name);
    SELECT s.pgt_id, format('%I.%I', s.pgt_schema, s.pgt_name) AS display INTO target
      FROM pgtrickle.split_qualified_name(name) q
      JOIN pgtrickle.pgt_stream_tables s ON s.pgt_schema = q.schema_name AND s.pgt_name = q.object_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'stream table % does not exist', name USING ERRCODE = 'undefined_table';
    END IF;
    FOR setting IN SELECT key, value FROM pgtrickle.pgt_settings WHERE key IN ('lock_timeout_ms', 'differential_max_change_ratio') LOOP
        IF setting.key = 'lock_timeout_ms' THEN
            v_lock := setting.value::bigint;
        ELSE
            v_ratio := setting.value::double precision;
        END IF;
    END LOOP;
    SELECT * INTO outcome FROM pgtrickle.run_refresh(target.pgt_id, 'MANUAL', full_refresh, 'sql:' || session_user, NULL,
                                                     v_lock, v_ratio);
    IF outcome.needs IS NOT NULL THEN
        RAISE EXCEPTION 'stream table % cannot be refreshed from SQL now: %', target.display, outcome.reason
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'The engine must act first: run "trickle refresh ' || target.display || '" once, or keep "trickle run" running.';
    END IF;
    RETURN QUERY SELECT target.display, outcome.action, outcome.rows_inserted, outcome.rows_deleted, outcome.duration_ms,
                        outcome.reason;
END
$$;

REVOKE ALL ON FUNCTION pgtrickle.refresh(text, boolean) FROM PUBLIC;
