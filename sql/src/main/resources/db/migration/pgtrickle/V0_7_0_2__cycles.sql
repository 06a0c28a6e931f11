-- Trickle catalog, version 0.7.0.2: cycles of stream tables refreshed to a fixpoint (issue 6).
--
-- The columns already exist since 0.6.0: pgt_stream_tables.scc_id, last_fixpoint_iterations and
-- last_converged_at, and pgt_refresh_history.fixpoint_iteration; the monitoring views show scc_id
-- and last_fixpoint_iterations. This migration adds the numbering of cycles and their status.

---------------------------------------------------------------------------------------------------
-- Numbers for cycles (scc_id). A cycle keeps its number while its members stay the same; a cycle
-- that forms or changes members gets the next number, so a number is never reused.
---------------------------------------------------------------------------------------------------
CREATE SEQUENCE pgtrickle.pgt_scc_id_seq AS integer;

CREATE INDEX pgt_stream_tables_scc_idx ON pgtrickle.pgt_stream_tables (scc_id) WHERE scc_id IS NOT NULL;

---------------------------------------------------------------------------------------------------
-- pgt_scc_status(): one row per cycle (strongly connected component of stream tables), ordered by
-- scc_id. last_iterations is the number of rounds of the last fixpoint run that converged or gave
-- up (NULL before the first); last_converged_at is when a run last converged (NULL before that).
-- A run in which no member had anything to do changes neither.
---------------------------------------------------------------------------------------------------
CREATE FUNCTION pgtrickle.pgt_scc_status()
RETURNS TABLE (scc_id integer, member_count integer, members text[], last_iterations integer,
               last_converged_at timestamptz)
LANGUAGE sql
STABLE
SET search_path = pg_catalog
AS $$
    SELECT st.scc_id,
           count(*)::integer,
           array_agg(format('%I.%I', st.pgt_schema, st.pgt_name) ORDER BY st.pgt_schema, st.pgt_name),
           max(st.last_fixpoint_iterations),
           max(st.last_converged_at)
      FROM pgtrickle.pgt_stream_tables st
     WHERE st.scc_id IS NOT NULL
     GROUP BY st.scc_id
     ORDER BY st.scc_id
$$;

COMMENT ON FUNCTION pgtrickle.pgt_scc_status() IS
    'Cycles of Trickle stream tables: members, and the iterations and time of their last fixpoint run';
