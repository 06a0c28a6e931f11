package io.trickle.engine.refresh;

import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.api.ReasonCode;
import io.trickle.engine.catalog.Settings;
import io.trickle.engine.catalog.SettingsSnapshot;
import io.trickle.engine.catalog.StreamTableRow;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A refresh inside a transaction the caller holds (a cycle's recompute, which refreshes every member
 * in full round after round in one transaction): the compiled refresh called in place, its history
 * row left to the caller. When the compiled refresh needs the engine first, {@link NeedsPreparation}
 * says so; the caller rolls back, has the {@link RefreshPreparation} act, and starts over.
 */
final class RefreshWork {

    private RefreshWork() {
    }

    /** A full recompute of {@code row} in {@code tx}, recorded by the caller under {@code reason}. */
    static RunRefresh.Outcome recompute(Connection tx, StreamTableRow row, InitiatedBy initiatedBy, SettingsSnapshot settings,
                                        String engine, Integer round, String reason) throws SQLException {
        RunRefresh call = new RunRefresh(row.id(), initiatedBy, true, reason, ReasonCode.CYCLE_RECOMPUTE, engine,
                settings.get(Settings.LOCK_TIMEOUT_MS), 0, null, null, false, round, null, null, null, null, false, false);
        RunRefresh.Outcome outcome = call.within(tx);
        if (!outcome.done()) {
            if (outcome.need() == RunRefresh.Need.SOURCE_GONE) {
                throw new RefreshExecutor.SourceGoneException(outcome.reason());
            }
            throw new NeedsPreparation(row.id(), outcome.need(), outcome.reason());
        }
        return outcome;
    }

    /** The compiled refresh of a table needs the engine to act first (see {@link RunRefresh.Need}). */
    static final class NeedsPreparation extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long pgtId;
        private final RunRefresh.Need need;

        NeedsPreparation(long pgtId, RunRefresh.Need need, String reason) {
            super(reason);
            this.pgtId = pgtId;
            this.need = need;
        }

        long pgtId() {
            return pgtId;
        }

        RunRefresh.Need need() {
            return need;
        }
    }
}
