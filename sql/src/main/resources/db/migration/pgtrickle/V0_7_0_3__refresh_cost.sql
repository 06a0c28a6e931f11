---------------------------------------------------------------------------------------------------
-- What AUTO's adaptive strategy learns from (issue 10): how many changed source rows each refresh
-- read, and how long a differential attempt ran before AUTO abandoned it for a full refresh.
---------------------------------------------------------------------------------------------------
ALTER TABLE pgtrickle.pgt_refresh_history
    ADD COLUMN source_changes            bigint,
    ADD COLUMN abandoned_differential_ms double precision;

COMMENT ON COLUMN pgtrickle.pgt_refresh_history.source_changes IS
    'changed source rows in the refresh''s change windows';
COMMENT ON COLUMN pgtrickle.pgt_refresh_history.abandoned_differential_ms IS
    'milliseconds a differential attempt ran before it passed its budget and AUTO refreshed in full';
