package io.trickle.engine.refresh;

import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.NotFoundException;
import io.trickle.engine.catalog.ClusterOrigin;
import io.trickle.engine.catalog.DependencyRepository;
import io.trickle.engine.catalog.RefreshHistoryRepository;
import io.trickle.engine.catalog.Settings;
import io.trickle.engine.catalog.SettingsRepository;
import io.trickle.engine.catalog.SettingsSnapshot;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.cdc.BufferPruner;
import io.trickle.engine.cdc.CaptureInfo;
import io.trickle.engine.cdc.CaptureInstaller;
import io.trickle.engine.db.AdvisoryLocks;
import io.trickle.engine.db.Database;
import io.trickle.engine.db.PgQuote;
import io.trickle.engine.db.Snapshots;
import io.trickle.engine.db.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one refresh of one stream table, as one transaction (DESIGN §2):
 * <ol>
 *   <li>a RUNNING history row is written on its own, so that others see the refresh under way;</li>
 *   <li>in a REPEATABLE READ transaction under the creator's session settings, the table's advisory
 *       lock is taken (waiting up to {@code lock_timeout_ms}) and its catalog row locked — if another
 *       refresh committed after this transaction's snapshot, that lock fails with a serialization
 *       error and the whole attempt is retried with a fresh snapshot;</li>
 *   <li>the request's {@link RefreshPrecondition}, if any, in the transaction's snapshot: when it
 *       holds the refresh back, the history row says SKIP and nothing else changes;</li>
 *   <li>the work ({@link RefreshWork}): NO_DATA, DIFFERENTIAL, FULL or REINITIALIZE; the frontier
 *       advance and the history row's outcome commit together with the data;</li>
 *   <li>consumed buffer rows are pruned afterwards, in a short transaction of their own.</li>
 * </ol>
 * A failure rolls everything back and is recorded by the {@link FailureRecorder}.
 */
public final class RefreshExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshExecutor.class);
    private static final int MAX_ATTEMPTS = 4;

    private final Database database;
    private final String engineName;
    private final PlanCache plans;
    private final RefreshListener listener;
    private final StreamTableRepository tables = new StreamTableRepository();
    private final RefreshHistoryRepository history = new RefreshHistoryRepository();
    private final DependencyRepository dependencies = new DependencyRepository();
    private final CaptureInstaller captures = new CaptureInstaller();
    private final FailureRecorder failures;

    public RefreshExecutor(Database database, String engineName, PlanCache plans, RefreshListener listener) {
        this.database = database;
        this.engineName = engineName;
        this.plans = plans;
        this.listener = listener;
        this.failures = new FailureRecorder(database);
    }

    /** The name this engine writes to the {@code engine} column of the history rows. */
    public String engineName() {
        return engineName;
    }

    public RefreshResult refresh(long pgtId, RefreshRequest request) {
        return run(start(pgtId, request), request);
    }

    Database database() {
        return database;
    }

    PlanCache plans() {
        return plans;
    }

    /**
     * A refresh whose RUNNING history row is written but whose transaction has not begun. The
     * scheduler starts the refreshes of a level first and exports the snapshot they share after, so
     * that their history rows are visible in it ({@link RefreshRequest#sharedSnapshot()}).
     */
    public static final class Started {
        private final StreamTableRow row;
        private final SettingsSnapshot settings;
        private final long historyId;

        private Started(StreamTableRow row, SettingsSnapshot settings, long historyId) {
            this.row = row;
            this.settings = settings;
            this.historyId = historyId;
        }
    }

    /** The first step of {@link #refresh}: reads the table and writes its RUNNING history row. */
    public Started start(long pgtId, RefreshRequest request) {
        ClusterOrigin.adoptOnce(database);
        StreamTableRow row = database.withConnection("reading stream table " + pgtId, c -> tables.byId(c, pgtId))
                .orElseThrow(() -> new NotFoundException("stream table with id " + pgtId + " does not exist"));
        SettingsSnapshot settings = database.withConnection("reading settings", c -> new SettingsRepository().load(c));
        long historyId = database.withConnection("starting the refresh of " + row.displayName(),
                c -> history.start(c, pgtId, row.schema(), row.name(), request.initiatedBy(), engineName));
        return new Started(row, settings, historyId);
    }

    /** The rest of {@link #refresh}, for a refresh begun with {@link #start}. */
    public RefreshResult run(Started started, RefreshRequest request) {
        StreamTableRow row = started.row;
        SettingsSnapshot settings = started.settings;
        long historyId = started.historyId;
        long pgtId = row.id();
        RefreshWork.Outcome outcome;
        try {
            outcome = runWithRetries(row, request, settings, historyId);
        } catch (SourceGoneException gone) {
            failures.record(historyId, pgtId, "FULL", gone.getMessage(), "ERROR");
            listener.failed(pgtId, row.displayName(), gone.getMessage());
            throw new ActionFailedException("refresh of " + row.displayName() + " failed: " + gone.getMessage(), gone);
        } catch (RuntimeException e) {
            String message = describe(row, e, settings);
            failures.record(historyId, pgtId, "FULL", message, null);
            listener.failed(pgtId, row.displayName(), message);
            if (e instanceof TrickleException te && !(e instanceof ActionFailedException)) {
                throw te;
            }
            throw new ActionFailedException(message, e);
        }
        prune(outcome.captures());
        RefreshHistoryRepository.Entry entry = database.withConnection("reading the refresh outcome",
                c -> history.byId(c, historyId));
        double duration = entry != null && entry.durationMs() != null ? entry.durationMs() : 0;
        String reason = request.reasonWith(outcome.reason());
        RefreshResult result = new RefreshResult(row.displayName(), outcome.action(), outcome.inserted(),
                outcome.deleted(), duration, reason);
        LOG.info("{}: {} +{} -{} in {} ms{}", row.displayName(), outcome.action(), outcome.inserted(), outcome.deleted(),
                Math.round(duration), reason == null ? "" : " (" + reason + ")");
        listener.refreshed(pgtId, result);
        return result;
    }

    private RefreshWork.Outcome runWithRetries(StreamTableRow row, RefreshRequest request, SettingsSnapshot settings,
                                               long historyId) {
        RefreshRequest current = request;
        for (int attempt = 1; ; attempt++) {
            RefreshRequest thisAttempt = current;
            try (Connection c = database.dataSource().getConnection()) {
                return Database.inTransaction(c, Connection.TRANSACTION_REPEATABLE_READ,
                        tx -> attempt(tx, row, thisAttempt, settings, historyId));
            } catch (SQLException e) {
                String state = e.getSQLState();
                boolean retryable = "40001".equals(state) || "40P01".equals(state);
                if (!retryable || attempt >= MAX_ATTEMPTS) {
                    throw SqlErrors.isNoSession(e) ? SqlErrors.noSession(e, database.target())
                            : new RefreshFailure(e);
                }
                // A shared snapshot predates the concurrent refresh, so retrying in it would conflict again.
                current = current.withSharedSnapshot(null);
                LOG.debug("{}: refresh attempt {} met a concurrent refresh, retrying", row.displayName(), attempt);
            }
        }
    }

    private RefreshWork.Outcome attempt(Connection tx, StreamTableRow stale, RefreshRequest request,
                                        SettingsSnapshot settings, long historyId) throws SQLException {
        if (request.sharedSnapshot() != null) {
            Snapshots.importInto(tx, request.sharedSnapshot());
        }
        applySessionSettings(tx, stale, settings);
        AdvisoryLocks.lockStreamTable(tx, stale.id());
        StreamTableRow row = SourceRenames.follow(tx, tables.byIdForUpdate(tx, stale.id())
                .orElseThrow(() -> new NotFoundException("stream table " + stale.displayName() + " was dropped")), tables);
        String heldBack = request.precondition() == null ? null : request.precondition().holdBack(tx, row.id());
        if (heldBack != null) {
            history.finish(tx, historyId, RefreshAction.SKIP.name(), "SKIPPED", 0, 0, heldBack, null,
                    request.fixpointIteration());
            return new RefreshWork.Outcome(RefreshAction.SKIP, 0, 0, heldBack, List.of(), null, null);
        }
        RefreshWork work = new RefreshWork(tx, row, request, settings, plans, captures, dependencies, tables);
        RefreshWork.Outcome outcome = work.run();
        history.finish(tx, historyId, outcome.action().name(), "COMPLETED", outcome.inserted(), outcome.deleted(),
                request.reasonWith(outcome.reason()), null, request.fixpointIteration(), outcome.sourceChanges(),
                outcome.abandonedDifferentialMs());
        return outcome;
    }

    /** The creator's TimeZone and search_path, the guard's permission, and the timeouts, for this transaction only. */
    static void applySessionSettings(Connection tx, StreamTableRow row, SettingsSnapshot settings) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT set_config('TimeZone', ?, true), set_config('search_path', ?, true),"
                + " set_config('pgtrickle.internal_refresh', 'on', true), set_config('lock_timeout', ?, true),"
                + " set_config('statement_timeout', ?, true), set_config('row_security', 'off', true)")) {
            ps.setString(1, row.timeZone());
            ps.setString(2, row.searchPath());
            ps.setString(3, settings.get(Settings.LOCK_TIMEOUT_MS) + "ms");
            ps.setString(4, settings.get(Settings.STATEMENT_TIMEOUT_MS) + "ms");
            ps.executeQuery().close();
        }
    }

    void prune(List<CaptureInfo> captured) {
        for (CaptureInfo capture : captured) {
            try {
                database.withConnection("pruning " + capture.qualifiedBuffer(), c -> BufferPruner.prune(c, capture));
            } catch (RuntimeException e) {
                LOG.warn("pruning the change buffer of {} failed: {}", capture.sourceName(), e.getMessage());
            }
        }
    }

    static String describe(StreamTableRow row, RuntimeException e, SettingsSnapshot settings) {
        Throwable cause = e instanceof RefreshFailure f ? f.getCause() : e;
        if (SqlErrors.hasState(cause, "55P03")) {
            return "stream table " + row.displayName() + " is being refreshed by another session; gave up after "
                    + settings.get(Settings.LOCK_TIMEOUT_MS) + " ms (lock_timeout_ms)";
        }
        if (SqlErrors.hasState(cause, "57014")) {
            return "refresh of " + row.displayName() + " was cancelled by statement_timeout_ms ("
                    + settings.get(Settings.STATEMENT_TIMEOUT_MS) + " ms)";
        }
        if (e instanceof TrickleException) {
            return e.getMessage();
        }
        java.sql.SQLException sql = SqlErrors.findSqlException(cause);
        String detail = sql != null ? sql.getMessage() : SqlErrors.rootMessage(cause);
        return "refresh of " + row.displayName() + " failed: " + (detail == null ? cause.toString() : detail.strip());
    }

    /** A refresh that failed with a database error (unchecked, to cross the transaction template). */
    static final class RefreshFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefreshFailure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** A source the stream table reads no longer exists: the table goes to ERROR. */
    static final class SourceGoneException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SourceGoneException(String message) {
            super(message);
        }
    }

    /** Storage table name as SQL. */
    static String storageName(StreamTableRow row) {
        return PgQuote.qualified(row.schema(), row.name());
    }
}
