package io.trickle.engine.refresh;

import io.trickle.engine.api.ReasonCode;
import io.trickle.engine.api.RefreshEvent;
import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.NotFoundException;
import io.trickle.engine.catalog.DependencyRepository;
import io.trickle.engine.catalog.RefreshHistoryRepository;
import io.trickle.engine.catalog.SettingsRepository;
import io.trickle.engine.catalog.SettingsSnapshot;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.cdc.CaptureInstaller;
import io.trickle.engine.db.AdvisoryLocks;
import io.trickle.engine.db.Database;
import io.trickle.engine.db.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes a cycle of stream tables from nothing, in one REPEATABLE READ transaction: every
 * member is emptied, then the members are recomputed in full in turn, round after round, until a
 * round changes no row. Starting from empty tables, each round adds only rows the cycle derives, so
 * the result is the least fixpoint — rows that only kept each other alive do not come back. Each
 * member's recompute is the ordinary FULL refresh work ({@link RefreshWork}, which also carries out
 * a pending reinitialisation), with a history row tagged with its round.
 *
 * <p><b>Frontiers.</b> A member's frontier on the members' storage tables must cover the writes of
 * this very transaction (it read them all), but a snapshot never sees its own transaction. So those
 * frontiers are written as the transaction's snapshot with its own transaction id made visible:
 * {@code xmax} moves past it, and every id between the old {@code xmax} and it is listed as in
 * progress, so that no other transaction changes sides. The transaction takes its id in its first
 * statement, which keeps that list short. Readers outside the cycle keep their frontiers and consume
 * the emptying and the refill as one net change (rows deleted and inserted again cancel).
 *
 * <p>When the rounds run out, the transaction still commits — the members hold the rows of the last
 * round, all derived by the cycle — and the members are marked to be recomputed again once resumed.
 */
final class CycleRecompute {

    private static final Logger LOG = LoggerFactory.getLogger(CycleRecompute.class);
    private static final int MAX_ATTEMPTS = 4;

    /** How the recompute ended. */
    record Result(boolean converged, int rounds) {
    }

    /** A member's recompute failed; nothing of the transaction remains, the failure is recorded on the member. */
    static final class MemberFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long pgtId;
        private final int round;

        MemberFailed(long pgtId, int round, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.pgtId = pgtId;
            this.round = round;
        }

        long pgtId() {
            return pgtId;
        }

        int round() {
            return round;
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    private final RefreshExecutor refresher;
    private final Database database;
    private final StreamTableRepository tables = new StreamTableRepository();
    private final RefreshHistoryRepository history = new RefreshHistoryRepository();

    CycleRecompute(RefreshExecutor refresher) {
        this.refresher = refresher;
        this.database = refresher.database();
    }

    /** One member's recompute in one round: its history row and what it did. */
    private record Step(long pgtId, String name, long historyId, RefreshAction action, long inserted, long deleted) {
    }

    /**
     * What an attempt did, for the caller once it has committed.
     *
     * @param net per member, the rows added and removed between before the recompute and after it
     */
    private record Done(Result result, List<Step> steps, Map<Long, long[]> net) {
    }

    Result run(List<Long> members, InitiatedBy initiatedBy, int maxRounds, String why, CycleRefresh.Tally tally) {
        Done done = null;
        // Members that had to be derived again before the recompute could run: their first round is a
        // reinitialisation, and says why.
        Map<Long, String> reinitialized = new LinkedHashMap<>();
        for (int attempt = 1; done == null; attempt++) {
            Progress progress = new Progress();
            try (Connection c = database.dataSource().getConnection()) {
                done = Database.inTransaction(c, Connection.TRANSACTION_REPEATABLE_READ,
                        tx -> attempt(tx, members, initiatedBy, maxRounds, why, progress, reinitialized));
            } catch (SQLException e) {
                boolean retryable = "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
                if (!retryable || attempt >= MAX_ATTEMPTS) {
                    throw failure(progress, initiatedBy, SqlErrors.isNoSession(e) ? SqlErrors.noSession(e, database.target())
                            : new RefreshExecutor.RefreshFailure(e));
                }
            } catch (RefreshWork.NeedsPreparation e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw failure(progress, initiatedBy, e);
                }
                // A member's refresh must be derived and compiled again first; the recompute starts over.
                if (e.need() == RunRefresh.Need.FOREIGN_CATALOG) {
                    database.transaction("adopting a catalog restored from another cluster",
                            Connection.TRANSACTION_REPEATABLE_READ, io.trickle.engine.catalog.ClusterOrigin::adopt);
                    continue;
                }
                if (e.need() == RunRefresh.Need.REINITIALIZE) {
                    reinitialized.putIfAbsent(e.pgtId(), e.getMessage());
                }
                refresher.preparation().rederive(e.pgtId());
            } catch (RuntimeException e) {
                throw failure(progress, initiatedBy, e);
            }
        }
        List<Step> steps = done.steps();
        Map<Long, Double> durations = database.withConnection("reading the recompute's history", c -> durations(c, steps));
        // A member's result is the net change of its table over the whole recompute (the rounds
        // pass through intermediate contents), with the most thorough action of its rounds.
        for (Step s : steps) {
            double ms = durations.getOrDefault(s.historyId(), 0.0);
            tally.add(s.pgtId(), s.action(), 0, 0, ms, null);
            refresher.publish(new RefreshEvent.Completed(s.name(), initiatedBy, s.action(), ReasonCode.CYCLE_RECOMPUTE,
                    s.inserted(), s.deleted(), ms));
        }
        done.net().forEach((id, net) -> tally.add(id, RefreshAction.NO_DATA, net[0], net[1], 0, null));
        refresher.prune(members);
        return done.result();
    }

    /** Which member and round an attempt was at, so that a failure is recorded where it happened. */
    private static final class Progress {
        long pgtId;
        int round;
    }

    private Done attempt(Connection tx, List<Long> members, InitiatedBy initiatedBy, int maxRounds, String why,
                         Progress progress, Map<Long, String> reinitialized) throws SQLException {
        String ownXid = takeTransactionId(tx);
        SettingsSnapshot settings = new SettingsRepository().load(tx);
        Map<Long, StreamTableRow> rows = lockMembers(tx, members, settings, progress);
        for (StreamTableRow row : rows.values()) {
            RefreshExecutor.applySessionSettings(tx, row, settings);
            try (Statement st = tx.createStatement()) {
                st.execute("CREATE TEMP TABLE " + before(row.id()) + " ON COMMIT DROP AS SELECT * FROM "
                        + RefreshExecutor.storageName(row));
                st.executeUpdate("DELETE FROM " + RefreshExecutor.storageName(row));
            }
        }
        List<Step> steps = new ArrayList<>();
        String reason = "recomputing the cycle from empty tables: " + why;
        boolean converged = false;
        int round = 0;
        while (!converged && round < maxRounds) {
            round++;
            long changed = 0;
            for (long id : members) {
                progress.pgtId = id;
                progress.round = round;
                // A rename under a member makes its compiled refresh ask to be compiled again
                // (NeedsPreparation): the preparation follows the rename, and the recompute starts over.
                StreamTableRow row = tables.byIdForUpdate(tx, id)
                        .orElseThrow(() -> new NotFoundException("stream table " + rows.get(id).displayName() + " was dropped"));
                RefreshExecutor.applySessionSettings(tx, row, settings);
                long historyId = history.start(tx, id, row.schema(), row.name(), initiatedBy, refresher.engineName());
                RunRefresh.Outcome o = RefreshWork.recompute(tx, row, initiatedBy, settings, refresher.engineName(), round,
                        reason);
                // The first round's change is reported against the table as it was before it was emptied.
                long[] net = round == 1 ? netChange(tx, row) : new long[] {o.inserted(), o.deleted()};
                String reinit = round == 1 ? reinitialized.get(id) : null;
                RefreshAction action = reinit != null ? RefreshAction.REINITIALIZE : o.action();
                history.finish(tx, historyId, action.name(), "COMPLETED", net[0], net[1],
                        reinit != null && !why.contains(reinit) ? reason + "; " + reinit : reason, null, round);
                steps.add(new Step(id, row.displayName(), historyId, action, net[0], net[1]));
                changed += o.inserted() + o.deleted();
            }
            converged = changed == 0;
        }
        coverOwnWrites(tx, members, rows.values(), ownXid);
        Map<Long, long[]> net = new LinkedHashMap<>();
        for (long id : members) {
            net.put(id, netChange(tx, tables.byId(tx, id).orElseThrow()));
        }
        if (!converged) {
            try (PreparedStatement ps = tx.prepareStatement("""
                    UPDATE pgtrickle.pgt_stream_tables SET needs_reinit = true, updated_at = now(),
                           reinit_reason = 'the cycle did not converge when it was last recomputed'
                     WHERE pgt_id = ANY (?)""")) {
                ps.setArray(1, tx.createArrayOf("bigint", members.toArray()));
                ps.executeUpdate();
            }
        }
        return new Done(new Result(converged, round), steps, net);
    }

    /** The copy of a member's rows as they were before the recompute emptied it. */
    private static String before(long pgtId) {
        return "pg_temp.__pgt_cycle_before_" + pgtId;
    }

    /** Rows added and removed since the member was emptied, compared whole (as text, so any column type will do). */
    private static long[] netChange(Connection tx, StreamTableRow row) throws SQLException {
        String now = RefreshExecutor.storageName(row);
        String was = before(row.id());
        try (Statement st = tx.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM (SELECT n::text FROM " + now + " n EXCEPT ALL"
                     + " SELECT b::text FROM " + was + " b) x), (SELECT count(*) FROM (SELECT b::text FROM " + was
                     + " b EXCEPT ALL SELECT n::text FROM " + now + " n) y)")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /**
     * Assigns the transaction its id right away (the snapshot is taken by this same first
     * statement), so that few other transactions can start between the two.
     */
    private static String takeTransactionId(Connection tx) throws SQLException {
        try (Statement st = tx.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_current_xact_id()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Takes every member's refresh lock, in id order so that two recomputes cannot deadlock, and
     * locks their catalog rows; a refresh that committed after this snapshot fails the row lock
     * with a serialization error, and the attempt starts over.
     */
    private Map<Long, StreamTableRow> lockMembers(Connection tx, List<Long> members, SettingsSnapshot settings,
                                                  Progress progress) throws SQLException {
        Map<Long, StreamTableRow> rows = new LinkedHashMap<>();
        for (long id : new TreeSet<>(members)) {
            progress.pgtId = id;
            StreamTableRow row = tables.byId(tx, id)
                    .orElseThrow(() -> new NotFoundException("stream table with id " + id + " does not exist"));
            RefreshExecutor.applySessionSettings(tx, row, settings);
            AdvisoryLocks.lockStreamTable(tx, id);
            rows.put(id, tables.byIdForUpdate(tx, id).orElseThrow(
                    () -> new NotFoundException("stream table " + row.displayName() + " was dropped")));
        }
        return rows;
    }

    /** Moves the members' frontiers on each other past this transaction's own writes (see the class comment). */
    private static void coverOwnWrites(Connection tx, List<Long> members, Iterable<StreamTableRow> rows, String ownXid)
            throws SQLException {
        List<Long> storages = new ArrayList<>();
        rows.forEach(r -> storages.add(r.storageOid()));
        try (PreparedStatement ps = tx.prepareStatement("""
                UPDATE pgtrickle.pgt_frontiers SET snapshot = (
                    SELECT CASE WHEN pg_visible_in_snapshot(x, s) THEN s
                                ELSE (pg_snapshot_xmin(s)::text || ':' || (x::text::numeric + 1)::text || ':'
                                      || coalesce((SELECT string_agg(v::text, ',' ORDER BY v)
                                                     FROM (SELECT xip::text::numeric AS v FROM pg_snapshot_xip(s) xip
                                                           UNION
                                                           SELECT generate_series(pg_snapshot_xmax(s)::text::numeric,
                                                                                  x::text::numeric - 1)) q), ''))::pg_snapshot
                           END
                      FROM (SELECT pg_current_snapshot() AS s, ?::xid8 AS x) t),
                       advanced_at = clock_timestamp()
                 WHERE pgt_id = ANY (?) AND source::oid = ANY (?)""")) {
            ps.setString(1, ownXid);
            ps.setArray(2, tx.createArrayOf("bigint", members.toArray()));
            ps.setArray(3, tx.createArrayOf("bigint", storages.toArray()));
            ps.executeUpdate();
        }
    }

    private static Map<Long, Double> durations(Connection c, List<Step> steps) throws SQLException {
        Map<Long, Double> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT refresh_id, duration_ms FROM pgtrickle.pgt_refresh_history WHERE refresh_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", steps.stream().map(Step::historyId).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getDouble(2));
                }
            }
        }
        return out;
    }

    /**
     * Records the failure on the member whose step failed (in a transaction of its own: the
     * recompute's rollback must not erase it), and says where it happened.
     */
    private MemberFailed failure(Progress progress, InitiatedBy initiatedBy, RuntimeException cause) {
        long id = progress.pgtId;
        String message = cause.getMessage();
        try {
            StreamTableRow row = database.withConnection("reading stream table " + id, c -> tables.byId(c, id)).orElse(null);
            if (row != null) {
                SettingsSnapshot settings = database.withConnection("reading settings", c -> new SettingsRepository().load(c));
                message = RefreshExecutor.describe(row, cause, settings);
                new FailureRecorder(database).record(row, initiatedBy, refresher.engineName(), message,
                        cause instanceof RefreshExecutor.SourceGoneException ? "ERROR" : null);
                refresher.publish(new RefreshEvent.Failed(row.displayName(), initiatedBy, message));
            }
        } catch (RuntimeException recording) {
            LOG.error("could not record the failed recompute of stream table {}: {}", id, recording.getMessage());
        }
        return new MemberFailed(id, progress.round,
                cause instanceof TrickleException t ? t : new ActionFailedException(message, cause));
    }
}
