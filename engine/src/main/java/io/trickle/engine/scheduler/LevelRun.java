package io.trickle.engine.scheduler;

import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.catalog.RefreshHistoryRepository;
import io.trickle.engine.cdc.PendingChanges;
import io.trickle.engine.db.AdvisoryLocks;
import io.trickle.engine.db.Database;
import io.trickle.engine.db.Snapshots;
import io.trickle.engine.db.SqlErrors;
import io.trickle.engine.refresh.RefreshExecutor;
import io.trickle.engine.refresh.RefreshRequest;
import io.trickle.engine.scheduler.TableOutcome.Result;
import io.trickle.engine.scheduler.TickPlanner.Planned;
import io.trickle.engine.scheduler.TickPlanner.Why;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the due tables of one dependency level.
 *
 * <ol>
 *   <li>One probe, in a REPEATABLE READ snapshot P, finds the tables another session is refreshing
 *       (their advisory lock is taken or awaited: BUSY, next tick) and, among the rest, those with
 *       nothing to do ({@link PendingChanges}).</li>
 *   <li>A table with nothing to do is QUIET: no refresh runs and no history row is written; its
 *       {@code last_refresh_at} moves to P's time, which is exactly what a NO_DATA refresh in P would
 *       have recorded. Only a table that is populated, not awaiting reinitialisation and not failing
 *       can be quiet — never one asked for by {@code request_refresh}, and never a member of a diamond
 *       (see below).</li>
 *   <li>Every other table is refreshed on the worker pool ({@code max_concurrent_refreshes} at once).</li>
 *   <li>The members of a diamond's consistency set that run in this level share one snapshot S: a
 *       REPEATABLE READ transaction exports S and stays open while every one of their refreshes
 *       imports it. They therefore consume their shared ancestor up to the same point. A member
 *       that met a concurrent refresh of itself retries in a snapshot of its own; its frontier then
 *       differs from S, which is checked afterwards and reported as not consistent.</li>
 * </ol>
 */
final class LevelRun {

    private static final Logger LOG = LoggerFactory.getLogger(LevelRun.class);

    private final Database database;
    private final RefreshExecutor refresher;
    private final ExecutorService workers;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    LevelRun(Database database, RefreshExecutor refresher, ExecutorService workers) {
        this.database = database;
        this.refresher = refresher;
        this.workers = workers;
    }

    /** An exported snapshot: its id for importers and its text as frontiers store it. */
    private record Shared(String id, String text) {
    }

    /**
     * @param tied tables that belong to the consistency set of a table planned in this tick
     */
    List<TableOutcome> run(List<Planned> entries, TickState state, Set<Long> tied) throws SQLException {
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<Long, TableOutcome> outcomes = new LinkedHashMap<>();
        Set<Long> busy = new HashSet<>();
        Set<Long> quietCandidates = new HashSet<>();
        Instant probedAt = probe(entries, state, tied, busy, quietCandidates);
        for (long id : markQuiet(database, quietCandidates, probedAt, refresher.engineName())) {
            outcomes.put(id, TableOutcome.of(id, Result.QUIET, null));
        }
        quietCandidates.removeAll(outcomes.keySet());
        busy.addAll(quietCandidates);
        for (long id : busy) {
            outcomes.put(id, TableOutcome.of(id, Result.BUSY, "being refreshed by another session"));
        }
        List<Planned> together = new ArrayList<>();
        Map<Long, Future<RefreshResult>> running = new LinkedHashMap<>();
        for (Planned p : entries) {
            if (outcomes.containsKey(p.id())) {
                continue;
            }
            if (tied.contains(p.id())) {
                together.add(p);
            } else {
                RefreshRequest request = requestFor(p);
                running.put(p.id(), workers.submit(() -> refreshTracked(p.id(), request)));
            }
        }
        if (together.size() == 1) {
            Planned p = together.remove(0);
            RefreshRequest request = requestFor(p);
            running.put(p.id(), workers.submit(() -> refreshTracked(p.id(), request)));
        }
        if (!together.isEmpty()) {
            outcomes.putAll(runTogether(together));
        }
        for (Map.Entry<Long, Future<RefreshResult>> e : running.entrySet()) {
            outcomes.put(e.getKey(), await(e.getKey(), e.getValue()));
        }
        List<TableOutcome> out = new ArrayList<>();
        for (Planned p : entries) {
            out.add(outcomes.get(p.id()));
        }
        return out;
    }

    private static RefreshRequest requestFor(Planned p) {
        return new RefreshRequest(p.why() == Why.REQUESTED ? InitiatedBy.MANUAL : InitiatedBy.SCHEDULER, false, null)
                .respectingWatermarks();
    }

    /** Exports the snapshot they all import, then runs every refresh in it. */
    private Map<Long, TableOutcome> runTogether(List<Planned> together) throws SQLException {
        Map<Long, TableOutcome> outcomes = new LinkedHashMap<>();
        Map<Long, Future<RefreshResult>> running = new LinkedHashMap<>();
        List<Long> refreshed = new ArrayList<>();
        try (Connection exporter = database.dataSource().getConnection()) {
            exporter.setAutoCommit(false);
            exporter.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Shared shared = export(exporter);
                for (Planned p : together) {
                    RefreshRequest request = requestFor(p).withSharedSnapshot(shared.id());
                    running.put(p.id(), workers.submit(() -> refreshTracked(p.id(), request)));
                }
                for (Map.Entry<Long, Future<RefreshResult>> e : running.entrySet()) {
                    TableOutcome o = await(e.getKey(), e.getValue());
                    outcomes.put(e.getKey(), o);
                    if (o.result() == Result.REFRESHED) {
                        refreshed.add(e.getKey());
                    }
                }
                for (long id : outsideSnapshot(refreshed, shared.text())) {
                    TableOutcome o = outcomes.get(id);
                    outcomes.put(id, new TableOutcome(id, o.result(), o.refresh(),
                            "met a concurrent refresh and read a snapshot of its own", false));
                }
            } finally {
                exporter.rollback();
                exporter.setAutoCommit(true);
            }
        }
        return outcomes;
    }

    private static Shared export(Connection exporter) throws SQLException {
        String id = Snapshots.export(exporter);
        try (PreparedStatement ps = exporter.prepareStatement("SELECT pg_current_snapshot()::text");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Shared(id, rs.getString(1));
        }
    }

    private RefreshResult refreshTracked(long id, RefreshRequest request) {
        inFlight.add(id);
        try {
            return refresher.refresh(id, request);
        } finally {
            inFlight.remove(id);
        }
    }

    private static TableOutcome await(long id, Future<RefreshResult> future) {
        try {
            RefreshResult r = future.get();
            if (r.action() == RefreshAction.SKIP) {
                return TableOutcome.of(id, Result.SKIPPED, r.reason());
            }
            return new TableOutcome(id, Result.REFRESHED, r, null, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TableOutcome.of(id, Result.STOPPED, "interrupted while waiting for the refresh");
        } catch (ExecutionException e) {
            return failure(id, e.getCause());
        }
    }

    static TableOutcome failure(long id, Throwable cause) {
        if (cause instanceof TrickleException.NotFoundException) {
            return TableOutcome.of(id, Result.GONE, cause.getMessage());
        }
        if (cause instanceof TrickleException.NoSessionException || SqlErrors.isNoSession(cause)) {
            return TableOutcome.of(id, Result.NO_SESSION, cause.getMessage());
        }
        return TableOutcome.of(id, Result.FAILED, cause.getMessage() == null ? cause.toString() : cause.getMessage());
    }

    /**
     * Finds busy tables and the tables with nothing to do, in one REPEATABLE READ snapshot; returns
     * that snapshot's time.
     */
    private Instant probe(List<Planned> entries, TickState state, Set<Long> tied, Set<Long> busy, Set<Long> quiet)
            throws SQLException {
        List<Long> ids = entries.stream().map(Planned::id).toList();
        return database.inSnapshot(c -> {
            Instant at = CatalogView.databaseNow(c);
            busy.addAll(lockedTables(c, ids));
            Set<Long> candidates = new HashSet<>();
            for (Planned p : entries) {
                TickState.TableState s = state.tables().get(p.id());
                if (p.why() != Why.REQUESTED && s != null && s.mayBeQuiet() && !busy.contains(p.id())
                        && !tied.contains(p.id())) {
                    candidates.add(p.id());
                }
            }
            try {
                Set<Long> needing = PendingChanges.needingRefresh(c, candidates);
                candidates.removeAll(needing);
                quiet.addAll(candidates);
            } catch (SQLException e) {
                // A source dropped under the probe, say: let every candidate refresh and report for itself.
                LOG.debug("checking for pending changes failed, refreshing every due table: {}", e.getMessage());
            }
            return at;
        });
    }

    /** The advisory refresh locks of this database, taken or awaited, on tables among {@code ?} (a bigint[]). */
    private static final String REFRESH_LOCKS = "FROM pg_locks l WHERE l.locktype = 'advisory'"
            + " AND l.classid = " + AdvisoryLocks.REFRESH_CLASS + "::oid AND l.objsubid = 2"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND l.objid::bigint = ANY (?)";

    /** Tables whose refresh lock some session holds or awaits. */
    static Set<Long> lockedTables(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT l.objid::bigint " + REFRESH_LOCKS)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            return ids(ps);
        }
    }

    /**
     * Cancels the refreshes of this engine still running (a stop past its grace period), so that their
     * transactions roll back and free their locks now. Their sessions are found by the refresh lock of
     * each table in flight, among the sessions of this engine's pool.
     */
    void cancelRunning() {
        cancel(database, refresher, List.copyOf(inFlight));
    }

    /**
     * Cancels this engine's refreshes of {@code ids} (see {@link #cancelRunning()}); they are recorded
     * as interrupted, not failed.
     */
    static void cancel(Database database, RefreshExecutor refresher, List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        refresher.interrupting(ids);
        try {
            database.withConnection("cancelling refreshes", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(pg_cancel_backend(l.pid)) " + REFRESH_LOCKS
                        + " AND l.pid <> pg_backend_pid() AND l.pid IN (SELECT pid FROM pg_stat_activity"
                        + " WHERE application_name = current_setting('application_name'))")) {
                    ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                    ps.executeQuery().close();
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("could not cancel the running refreshes: {}", e.getMessage());
        }
    }

    private static Set<Long> ids(PreparedStatement ps) throws SQLException {
        Set<Long> out = new HashSet<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /**
     * Moves {@code last_refresh_at} of quiet tables to the snapshot's time, and counts the check in
     * each one's history ({@link RefreshHistoryRepository#recordQuietChecks}), in one transaction.
     * Rows another session has locked (a refresh or an alter under way) are skipped rather than
     * waited for.
     */
    static Set<Long> markQuiet(Database database, Set<Long> ids, Instant at, String engine) throws SQLException {
        if (ids.isEmpty()) {
            return Set.of();
        }
        try (Connection c = database.dataSource().getConnection()) {
            return Database.inTransaction(c, Connection.TRANSACTION_READ_COMMITTED, tx -> {
                Set<Long> quiet;
                try (PreparedStatement ps = tx.prepareStatement("""
                        UPDATE pgtrickle.pgt_stream_tables
                           SET last_refresh_at = greatest(coalesce(last_refresh_at, ?), ?)
                         WHERE pgt_id IN (SELECT pgt_id FROM pgtrickle.pgt_stream_tables
                                           WHERE pgt_id = ANY (?) AND is_populated AND NOT needs_reinit
                                             AND consecutive_errors = 0
                                             FOR UPDATE SKIP LOCKED)
                        RETURNING pgt_id""")) {
                    OffsetDateTime ts = at.atOffset(ZoneOffset.UTC);
                    ps.setObject(1, ts);
                    ps.setObject(2, ts);
                    ps.setArray(3, tx.createArrayOf("bigint", ids.toArray()));
                    quiet = ids(ps);
                }
                new RefreshHistoryRepository().recordQuietChecks(tx, quiet, at, engine);
                return quiet;
            });
        }
    }

    /** Refreshed tables whose frontiers are not the shared snapshot (they retried in a snapshot of their own). */
    private Set<Long> outsideSnapshot(List<Long> refreshed, String sharedText) throws SQLException {
        if (refreshed.isEmpty()) {
            return Set.of();
        }
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT DISTINCT pgt_id FROM pgtrickle.pgt_frontiers
                      WHERE pgt_id = ANY (?) AND snapshot::text <> ?""")) {
            ps.setArray(1, c.createArrayOf("bigint", refreshed.toArray()));
            ps.setString(2, sharedText);
            return ids(ps);
        }
    }
}
