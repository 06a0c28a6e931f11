-- Trickle catalog, version 0.6.1: the scheduler daemon's SQL API.
--
-- The scheduling engine ("the leader") holds the session advisory lock (1953655148, 0) on a
-- dedicated session and LISTENs on pgtrickle_refresh_request. The class id is 'tril' as an
-- integer, AdvisoryLocks.LEADER_CLASS in the engine; the two must stay equal.

---------------------------------------------------------------------------------------------------
-- Whether a session of this database holds the leader lock: some engine is scheduling it.
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.scheduler_leader_pid()
RETURNS integer
LANGUAGE sql
STABLE
SET search_path = pg_catalog
AS $$
    SELECT l.pid
      FROM pg_locks l
     WHERE l.locktype = 'advisory'
       AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
       AND l.classid = 1953655148::oid
       AND l.objid = 0::oid
       AND l.objsubid = 2
       AND l.granted
     LIMIT 1
$$;

COMMENT ON FUNCTION pgtrickle.scheduler_leader_pid() IS
    'Backend pid of the Trickle engine that schedules this database, or NULL when none does';

---------------------------------------------------------------------------------------------------
-- request_refresh(name): wakes the leader, which refreshes the stream table within one tick.
-- The name is read as DESIGN §4 says ([schema.]name, unquoted parts fold to lower case). The
-- notification is delivered when the caller's transaction commits.
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.request_refresh(name text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pgtrickle
AS $$
DECLARE
    target_schema text;
    target_name   text;
    target_id     bigint;
    target_status text;
BEGIN
    SELECT q.schema_name, q.object_name INTO target_schema, target_name
      FROM pgtrickle.split_qualified_name(name) q;
    SELECT st.pgt_id, st.status INTO target_id, target_status
      FROM pgtrickle.pgt_stream_tables st
     WHERE st.pgt_schema = target_schema AND st.pgt_name = target_name;
    IF target_id IS NULL THEN
        RAISE EXCEPTION 'stream table %.% does not exist', quote_ident(target_schema), quote_ident(target_name)
            USING ERRCODE = 'undefined_table';
    END IF;
    PERFORM pg_notify('pgtrickle_refresh_request',
                      json_build_object('pgt_id', target_id, 'stream_table',
                                        quote_ident(target_schema) || '.' || quote_ident(target_name))::text);
    IF target_status = 'SUSPENDED' THEN
        RAISE NOTICE 'stream table %.% is SUSPENDED: the scheduler will not refresh it until it is resumed (trickle alter --status ACTIVE)',
            quote_ident(target_schema), quote_ident(target_name);
    ELSIF pgtrickle.scheduler_leader_pid() IS NULL THEN
        RAISE NOTICE 'no Trickle engine is scheduling database %: %.% will be refreshed when one starts (trickle run)',
            current_database(), quote_ident(target_schema), quote_ident(target_name);
    END IF;
END
$$;

COMMENT ON FUNCTION pgtrickle.request_refresh(text) IS
    'Asks the scheduling Trickle engine to refresh a stream table within one tick';
