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
