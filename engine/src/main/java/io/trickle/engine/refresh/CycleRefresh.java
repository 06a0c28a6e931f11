package io.trickle.engine.refresh;

import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.TrickleException.NotFoundException;
import io.trickle.engine.catalog.Settings;
import io.trickle.engine.catalog.SettingsRepository;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.cdc.NetRemovals;
import io.trickle.engine.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes a cycle of stream tables (a strongly connected component) as one unit, to a fixpoint.
 *
 * <p><b>Rounds.</b> The members are refreshed in turn, each by an ordinary differential refresh in a
 * transaction of its own, which reads what the members before it wrote. A round in which no member
 * changes a row (inserted + deleted = 0) ends the run: the cycle has converged, and each member
 * equals its query over the others. Every refresh's history row carries its round number
 * ({@code fixpoint_iteration}). Because every member is monotone (checked when the cycle was
 * formed) and only rows were added, each round can only add rows that the cycle derives, so the
 * rounds climb to the least fixpoint and stop there.
 *
 * <p><b>Removals.</b> Removing rows that way is not safe: rows of a cycle can keep each other alive
 * after the row that first derived them is gone (with edges 1→2, 2→3, 3→4, 4→2, deleting 1→2 leaves
 * 1 reaching 3 through 2 ← 4 ← 3 ← 2 in counts). So when a removal reaches the cycle
 * ({@link NetRemovals}: looked for before the run, and again by each round's refresh in its own
 * snapshot, which it then skips, so that a removal arriving during the run is never taken as a
 * delta), a member needs reinitialising or was never populated, or a round had to refresh a member
 * in full, the cycle is recomputed instead ({@link CycleRecompute}): emptied and iterated from
 * nothing in one transaction.
 *
 * <p><b>Giving up.</b> After {@code max_fixpoint_iterations} rounds that still change rows, every
 * member goes to ERROR with a message saying so. Its tables keep the rows of the last round: each of
 * those rows is derived by the cycle (rounds only add what the queries derive), but rows may be
 * missing. A recompute that gives up also marks the members to be recomputed again once resumed.
 *
 * <p>A run in which no member had anything to do leaves {@code last_fixpoint_iterations} and
 * {@code last_converged_at} as they were; any other converged run sets them on every member.
 */
public final class CycleRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(CycleRefresh.class);

    /** How a run ended. */
    public enum Status {
        /** The first round changed nothing; no bookkeeping was touched. */
        NOTHING_TO_DO,
        /** A round changed nothing after others did. */
        CONVERGED,
        /** Rounds still changed rows after {@code max_fixpoint_iterations}; the members are in ERROR. */
        NOT_CONVERGED,
        /** A member's refresh failed ({@link Outcome#failedMember()}); its failure is recorded. */
        FAILED,
        /** Stopped between two refreshes because the caller is stopping; the next run carries on. */
        STOPPED
    }

    /**
     * What a run did.
     *
     * @param iterations   rounds run (of the recompute, when there was one)
     * @param recomputed   why the cycle was recomputed from empty tables, or null when it was not
     * @param results      per member, what its refreshes in this run added up to
     * @param failedMember the member whose refresh failed, for {@link Status#FAILED}
     * @param failure      that failure
     * @param message      what to tell a person about the run
     */
    public record Outcome(Status status, int iterations, String recomputed, Map<Long, RefreshResult> results,
                          Long failedMember, RuntimeException failure, String message) {
    }

    /**
     * A round's refresh takes additions only: a removal that arrived after the run was planned is
     * found in the refresh's own snapshot, which skips it, and the cycle is recomputed instead.
     */
    private static final RefreshPrecondition NO_REMOVALS = (tx, pgtId) -> NetRemovals.find(tx, List.of(pgtId)).orElse(null);

    private final Database database;
    private final RefreshExecutor refresher;
    private final CycleRecompute recompute;

    public CycleRefresh(RefreshExecutor refresher) {
        this.database = refresher.database();
        this.refresher = refresher;
        this.recompute = new CycleRecompute(refresher);
    }

    /**
     * @param members     the cycle's members, in the order each round refreshes them
     * @param initiatedBy who asked, for the history rows
     * @param fromScratch recompute even when nothing calls for it ({@code refresh --full})
     * @param stopping    checked between refreshes
     */
    public Outcome run(List<Long> members, InitiatedBy initiatedBy, boolean fromScratch, BooleanSupplier stopping) {
        Plan plan = database.transaction("inspecting a cycle of stream tables", Connection.TRANSACTION_REPEATABLE_READ,
                c -> inspect(c, members, fromScratch));
        Tally tally = new Tally(plan.names());
        String why = plan.recompute();
        int rounds = 0;
        boolean converged = false;
        if (why == null) {
            for (int round = 1; round <= plan.maxRounds() && why == null && !converged; round++) {
                long changed = 0;
                for (long id : members) {
                    if (stopping.getAsBoolean()) {
                        return new Outcome(Status.STOPPED, round, null, tally.results(null), null, null,
                                "cycle " + plan.cycleName() + " stopped in round " + round + " because the caller is stopping");
                    }
                    RefreshResult r;
                    try {
                        r = refresher.refresh(id, new RefreshRequest(initiatedBy, false, round).withPrecondition(NO_REMOVALS));
                    } catch (RuntimeException e) {
                        return failed(plan, tally, id, e, round);
                    }
                    tally.add(id, r);
                    if (r.action() == RefreshAction.SKIP) {
                        why = r.reason();
                        break;
                    }
                    if (r.action() == RefreshAction.FULL || r.action() == RefreshAction.REINITIALIZE) {
                        why = plan.names().get(id) + " had to be refreshed " + r.action() + " (" + r.reason() + ")";
                        break;
                    }
                    changed += r.rowsInserted() + r.rowsDeleted();
                }
                rounds = round;
                converged = why == null && changed == 0;
            }
            if (converged && rounds == 1) {
                return new Outcome(Status.NOTHING_TO_DO, 1, null, tally.results(null), null, null,
                        "cycle " + plan.cycleName() + ": nothing to do");
            }
        }
        if (why != null) {
            try {
                CycleRecompute.Result r = recompute.run(members, initiatedBy, plan.maxRounds(), why, tally);
                rounds = r.rounds();
                converged = r.converged();
            } catch (CycleRecompute.MemberFailed e) {
                return failed(plan, tally, e.pgtId(), e.getCause(), e.round());
            }
        }
        String how = why == null ? "" : " (recomputed from empty tables: " + why + ")";
        int done = rounds;
        if (!converged) {
            String message = "cycle " + plan.cycleName() + " did not converge after " + done + " iterations"
                    + " (max_fixpoint_iterations)" + how + ": every member is now in ERROR and holds the rows of the"
                    + " last iteration, all derived by the cycle but possibly not all of them; raise"
                    + " max_fixpoint_iterations or change the queries, then resume each member with"
                    + " 'trickle alter NAME --status ACTIVE'";
            database.transaction("recording that a cycle did not converge", c -> {
                giveUp(c, members, done, message);
                return null;
            });
            LOG.warn("{}", message);
            return new Outcome(Status.NOT_CONVERGED, done, why, tally.results(message), null, null, message);
        }
        database.transaction("recording that a cycle converged", c -> {
            converged(c, members, done);
            return null;
        });
        String message = "cycle " + plan.cycleName() + " converged after " + done + " iterations" + how;
        LOG.info("{}", message);
        return new Outcome(Status.CONVERGED, done, why, tally.results(message), null, null, message);
    }

    /** Names, the round limit, and whether to recompute — all read in one snapshot. */
    private record Plan(Map<Long, String> names, int maxRounds, String recompute) {
        String cycleName() {
            return String.join(", ", names.values());
        }
    }

    private static Plan inspect(Connection c, List<Long> members, boolean fromScratch) throws SQLException {
        StreamTableRepository tables = new StreamTableRepository();
        Map<Long, String> names = new LinkedHashMap<>();
        String recompute = fromScratch ? "requested with --full" : null;
        for (long id : members) {
            StreamTableRow row = tables.byId(c, id)
                    .orElseThrow(() -> new NotFoundException("stream table with id " + id + " does not exist"));
            names.put(id, row.displayName());
            if (recompute == null && !row.populated()) {
                recompute = row.displayName() + " was never populated";
            } else if (recompute == null && row.needsReinit()) {
                recompute = row.displayName() + " needs reinitialising"
                        + (row.reinitReason() == null ? "" : " (" + row.reinitReason() + ")");
            }
        }
        if (recompute == null) {
            recompute = NetRemovals.find(c, members).orElse(null);
        }
        int max = new SettingsRepository().load(c).get(Settings.MAX_FIXPOINT_ITERATIONS);
        return new Plan(names, max, recompute);
    }

    private Outcome failed(Plan plan, Tally tally, long id, RuntimeException e, int round) {
        String message = "cycle " + plan.cycleName() + " stopped in round " + round + ": the refresh of "
                + plan.names().get(id) + " failed: " + e.getMessage();
        LOG.warn("{}", message);
        return new Outcome(Status.FAILED, round, null, tally.results(message), id, e, message);
    }

    private static void converged(Connection c, List<Long> members, int rounds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE pgtrickle.pgt_stream_tables
                   SET last_fixpoint_iterations = ?, last_converged_at = now(), updated_at = now()
                 WHERE pgt_id = ANY (?)""")) {
            ps.setInt(1, rounds);
            ps.setArray(2, c.createArrayOf("bigint", members.toArray()));
            ps.executeUpdate();
        }
    }

    private static void giveUp(Connection c, List<Long> members, int rounds, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE pgtrickle.pgt_stream_tables
                   SET status = 'ERROR', last_error = ?, consecutive_errors = consecutive_errors + 1,
                       last_fixpoint_iterations = ?, updated_at = now()
                 WHERE pgt_id = ANY (?)""")) {
            ps.setString(1, message);
            ps.setInt(2, rounds);
            ps.setArray(3, c.createArrayOf("bigint", members.toArray()));
            ps.executeUpdate();
        }
    }

    /** Adds up, per member, the refreshes of one run into one result. */
    static final class Tally {
        private final Map<Long, String> names;
        private final Map<Long, RefreshResult> sums = new LinkedHashMap<>();

        Tally(Map<Long, String> names) {
            this.names = names;
        }

        void add(long id, RefreshResult r) {
            sums.merge(id, r, (a, b) -> new RefreshResult(a.name(), stronger(a.action(), b.action()),
                    a.rowsInserted() + b.rowsInserted(), a.rowsDeleted() + b.rowsDeleted(), a.durationMs() + b.durationMs(),
                    b.reason() != null ? b.reason() : a.reason()));
        }

        void add(long id, RefreshAction action, long inserted, long deleted, double durationMs, String reason) {
            add(id, new RefreshResult(names.get(id), action, inserted, deleted, durationMs, reason));
        }

        /** Each member's total, with {@code reason} (the run's summary) when given. */
        Map<Long, RefreshResult> results(String reason) {
            Map<Long, RefreshResult> out = new LinkedHashMap<>();
            for (Map.Entry<Long, String> e : names.entrySet()) {
                RefreshResult r = Optional.ofNullable(sums.get(e.getKey()))
                        .orElse(new RefreshResult(e.getValue(), RefreshAction.NO_DATA, 0, 0, 0, null));
                out.put(e.getKey(), new RefreshResult(r.name(), r.action(), r.rowsInserted(), r.rowsDeleted(),
                        r.durationMs(), reason != null ? reason : r.reason()));
            }
            return out;
        }

        /** What a member's refreshes amounted to: the most thorough action any of them took. */
        private static RefreshAction stronger(RefreshAction a, RefreshAction b) {
            List<RefreshAction> order = List.of(RefreshAction.NO_DATA, RefreshAction.SKIP, RefreshAction.DIFFERENTIAL,
                    RefreshAction.FULL, RefreshAction.REINITIALIZE);
            return order.indexOf(a) >= order.indexOf(b) ? a : b;
        }
    }
}
