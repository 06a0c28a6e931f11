package io.trickle.engine.refresh;

import io.trickle.engine.api.ReasonCode;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.api.TrickleException.NotFoundException;
import io.trickle.engine.catalog.Settings;
import io.trickle.engine.catalog.DependencyRepository;
import io.trickle.engine.catalog.SettingsRepository;
import io.trickle.engine.catalog.SettingsSnapshot;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.cdc.CaptureFirst;
import io.trickle.engine.db.AdvisoryLocks;
import io.trickle.engine.db.Database;
import io.trickle.engine.db.PgQuote;
import io.trickle.engine.db.SqlErrors;
import io.trickle.engine.db.TableLocks;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What only the engine can do before a compiled refresh can run: derive the stored query again,
 * bring capture and the storage table to what the derivation needs, and compile the refresh —
 * because the table has never been compiled (or by another engine build), because a source or the
 * table was renamed (the stored query is written with the new names first, {@link SourceRenames}),
 * because its sources' columns or trees changed (then it is also recomputed: REINITIALIZE), or
 * because a source's buffer is in an older engine's format.
 *
 * <p>Three transactions, as at create: the first (rolled back) derives the query to learn which
 * sources' capture must change; the second changes that capture and commits <em>before</em> the
 * third takes its snapshot ({@link CaptureFirst}: no write falls between the capture change and the
 * snapshot the reinitialisation reads); the third takes the table's refresh lock and catalog row,
 * and does the work. An IMMEDIATE table's sources (and those beneath its IMMEDIATE sources) are
 * locked against writers as the third transaction's first statements, before its snapshot: its
 * triggers are written again and a recompute must not miss a writer. A
 * query that no longer resolves puts the table in ERROR with PostgreSQL's words.
 */
final class RefreshPreparation {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshPreparation.class);
    private static final int MAX_ATTEMPTS = 4;
    static final String LAYOUT_CHANGED = "the storage layout this engine derives for the query differs from the table's";

    private final Database database;
    private final StreamTableRepository tables = new StreamTableRepository();

    RefreshPreparation(Database database, String engineName) {
        this.database = database;
    }

    /**
     * Compiles the table's refresh. When the derivation no longer fits the storage table (an engine
     * upgrade changed the layout), the table is reinitialised instead and that outcome returned.
     */
    Optional<RunRefresh.Outcome> prepare(long pgtId, RunRefresh call) {
        return Optional.ofNullable(run(pgtId, call, null, null));
    }

    /** Derives the table again, adapts its storage and capture, compiles it, and recomputes it. */
    RunRefresh.Outcome reinitialize(long pgtId, RunRefresh call, String reason, ReasonCode code) {
        return run(pgtId, call, reason, code == null ? ReasonCode.SOURCE_CHANGED : code);
    }

    /**
     * Derives the table again and compiles it without refreshing it, clearing a pending
     * reinitialisation: for a caller about to recompute it anyway (a cycle's recompute).
     */
    void rederive(long pgtId) {
        run(pgtId, null, "rederived for a recompute", ReasonCode.REINIT_PENDING);
    }

    private RunRefresh.Outcome run(long pgtId, RunRefresh call, String reinitReason, ReasonCode reinitCode) {
        for (int moved = 1; ; moved++) {
            List<Relation> toLock = new ArrayList<>();
            Map<Relation, Set<String>> needs = database.withConnection("deriving stream table " + pgtId + " again", c -> {
                c.setAutoCommit(false);
                try {
                    SettingsSnapshot settings = new SettingsRepository().load(c);
                    StreamTableRow row = SourceRenames.follow(c, tables.byId(c, pgtId)
                            .orElseThrow(() -> new NotFoundException("stream table with id " + pgtId + " does not exist")), tables);
                    RefreshExecutor.applySessionSettings(c, row, settings);
                    Derivation d = derive(c, row, cause(c, row, reinitReason));
                    toLock.addAll(Dependencies.toLock(c, d, immediate(row)));
                    return Dependencies.captureNeeds(c, d);
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            });
            // Capture changes commit before the snapshot the preparation reads (CaptureFirst).
            CaptureFirst.install(database, needs, "stream table " + pgtId);
            try {
                return preparedWithRetries(pgtId, toLock, call, reinitReason, reinitCode);
            } catch (CaptureFirst.Moved e) {
                if (moved >= CaptureFirst.ATTEMPTS) {
                    throw new RefreshExecutor.RefreshFailure(new SQLException(e.getMessage() + " " + moved + " times", "40001"));
                }
                LOG.debug("stream table {}: {}, changing it again", pgtId, e.getMessage());
            }
        }
    }

    private RunRefresh.Outcome preparedWithRetries(long pgtId, List<Relation> toLock, RunRefresh call, String reinitReason,
                                                   ReasonCode reinitCode) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = database.dataSource().getConnection()) {
                return Database.inTransaction(c, Connection.TRANSACTION_REPEATABLE_READ,
                        tx -> prepared(tx, pgtId, toLock, call, reinitReason, reinitCode));
            } catch (SQLException e) {
                boolean retryable = "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
                if (!retryable || attempt >= MAX_ATTEMPTS) {
                    throw SqlErrors.isNoSession(e) ? SqlErrors.noSession(e, database.target())
                            : new RefreshExecutor.RefreshFailure(e);
                }
                LOG.debug("stream table {}: preparation met a concurrent change, retrying ({})", pgtId, e.getMessage());
            }
        }
    }

    private RunRefresh.Outcome prepared(Connection tx, long pgtId, List<Relation> toLock, RunRefresh call,
                                        String reinitReason, ReasonCode reinitCode) throws SQLException {
        // run_refresh needs REPEATABLE READ, whose snapshot must come after the locks: LOCK TABLE
        // (no snapshot) is the one way, and it needs more than TRIGGER on the sources — only for an
        // IMMEDIATE table rebuilt here (see issue 18's note, "Merged with IMMEDIATE").
        TableLocks.lock(tx, toLock.stream().map(r -> PgQuote.qualified(r.schema(), r.name())).toList(),
                "SHARE ROW EXCLUSIVE");
        SettingsSnapshot settings = new SettingsRepository().load(tx);
        StreamTableRow stale = tables.byId(tx, pgtId)
                .orElseThrow(() -> new NotFoundException("stream table with id " + pgtId + " does not exist"));
        RefreshExecutor.applySessionSettings(tx, stale, settings);
        AdvisoryLocks.lockStreamTable(tx, pgtId);
        StreamTableRow row = SourceRenames.follow(tx, tables.byIdForUpdate(tx, pgtId)
                .orElseThrow(() -> new NotFoundException("stream table " + stale.displayName() + " was dropped")), tables);
        String reason = cause(tx, row, reinitReason);
        ReasonCode code = reinitCode;
        Derivation d = derive(tx, row, reason);
        Dependencies.requireCaptured(tx, d, "the sources of " + row.displayName());
        if (reason == null && !StorageReconciler.matches(tx, row.storageOid(), d.storage())) {
            reason = LAYOUT_CHANGED;
            code = ReasonCode.LAYOUT_CHANGED;
        }
        String storage = RefreshExecutor.storageName(row);
        if (reason != null) {
            StorageReconciler.reconcile(tx, row.storageOid(), storage, d.storage());
            if (d.storage().identity().keyed() != row.keyedRowIds()) {
                StorageTables.rebuildRowIdIndex(tx, row.storageOid(), storage, d.storage());
            }
            tables.update(tx, row.id(), "effective_mode = ?, fallback_reason = ?, keyed_row_ids = ?",
                    d.effectiveMode(), d.fallbackReason(), d.storage().identity().keyed());
        }
        Dependencies.record(tx, row.id(), d, settings.get(Settings.CDC_TRIGGER_MODE));
        RefreshCompiler.compile(tx, row, d.storage());
        if (immediate(row)) {
            // Its sources are locked against writers: the triggers change between two of their statements.
            ImmediateCompiler.install(tx, row.id(), row.schema(), row.name(), row.timeZone(), row.searchPath(), d.storage());
        }
        if (reason == null) {
            return null;
        }
        if (call == null) {
            tables.update(tx, row.id(), "needs_reinit = false, reinit_reason = NULL");
            return null;
        }
        LOG.info("{}: reinitialising ({})", row.displayName(), reason);
        return call.reinitializing(reason, code).within(tx);
    }

    private static boolean immediate(StreamTableRow row) {
        return row.refreshMode() == RefreshMode.IMMEDIATE;
    }

    /**
     * Why the table is reinitialised, said by source and column when a source's columns changed
     * (issue 18); a dropped source or a policy that now hides rows from the engine puts it in ERROR.
     */
    private static String cause(Connection c, StreamTableRow row, String reinitReason) throws SQLException {
        Optional<String> unusable = row.unusable();
        if (unusable.isPresent()) {
            throw new RefreshExecutor.SourceGoneException(unusable.get());
        }
        Optional<SourceChecks.Finding> finding = SourceChecks.check(c, new DependencyRepository().of(c, row.id()));
        if (finding.isPresent() && finding.get().gone()) {
            throw new RefreshExecutor.SourceGoneException(finding.get().describe());
        }
        return reinitReason != null && finding.isPresent() ? finding.get().describe() : reinitReason;
    }

    /**
     * The table's stored query derived again, or ERROR when it no longer resolves, told after the
     * {@code cause} (which source changed, which column and how) when there is one.
     */
    private static Derivation derive(Connection c, StreamTableRow row, String cause) throws SQLException {
        Optional<String> unusable = row.unusable();
        if (unusable.isPresent()) {
            throw new RefreshExecutor.SourceGoneException(unusable.get());
        }
        try {
            return Deriver.derive(c, row.definingQuery(), row.mode(), Deriver.Origin.STORED);
        } catch (InvalidInputException e) {
            throw new RefreshExecutor.SourceGoneException("the query of " + row.displayName() + " no longer resolves after "
                    + (cause == null ? "a change to its sources" : cause) + ": " + e.getMessage()
                    + "; change it with 'trickle alter " + row.displayName() + " --query …'");
        }
    }
}
