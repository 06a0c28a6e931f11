---------------------------------------------------------------------------------------------------
-- The scheduler's "checked, nothing to do" decisions in the refresh history (issue 20).
--
-- A due table whose sources have no change in their windows is not refreshed: the scheduler only
-- moves its last_refresh_at (a QUIET tick). Such ticks come every schedule period, so one history
-- row each would swamp the history; instead a run of them is one row, action NO_DATA, status
-- COMPLETED, initiated_by SCHEDULER: start_time and end_time are the first check, quiet_checks
-- counts the checks and last_checked_at is the latest. The next check adds to the table's newest
-- history row while that row is such a run; anything else in between (a refresh, a skip, a
-- failure) starts a new one. A refresh that ran leaves both columns NULL.
---------------------------------------------------------------------------------------------------
ALTER TABLE pgtrickle.pgt_refresh_history
    ADD COLUMN quiet_checks    integer CHECK (quiet_checks > 0),
    ADD COLUMN last_checked_at timestamptz;

COMMENT ON COLUMN pgtrickle.pgt_refresh_history.quiet_checks IS
    'scheduler checks that found no change, aggregated into this row; NULL for a refresh that ran';
COMMENT ON COLUMN pgtrickle.pgt_refresh_history.last_checked_at IS
    'the latest of the checks counted in quiet_checks';
