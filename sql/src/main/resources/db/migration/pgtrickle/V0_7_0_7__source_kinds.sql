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
