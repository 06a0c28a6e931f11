package io.trickle.engine.lifecycle;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.catalog.Settings;
import io.trickle.engine.catalog.SettingsRepository;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.dvm.DvmPlan;
import io.trickle.engine.dvm.Monotonicity;
import io.trickle.engine.graph.Cycle;
import io.trickle.engine.graph.DependencyGraph;
import io.trickle.engine.graph.GraphTable;
import io.trickle.engine.refresh.Derivation;
import io.trickle.engine.refresh.Deriver;
import io.trickle.engine.sql.ProbeResult;
import io.trickle.engine.sql.QueryProbe;
import io.trickle.engine.sql.QueryText;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Optional;

/**
 * Refuses (exit 2, before anything changes) a new query or mode that would leave a stream table in
 * a cycle the scheduler cannot refresh to a fixpoint. A cycle is allowed only when
 * {@code allow_circular} is on, every member uses refresh mode DIFFERENTIAL (a FULL or AUTO member
 * could recompute itself from the others' rows, which a cycle's own rows may be all that supports),
 * and every member's query is monotone ({@link Monotonicity}). The altered table is judged by its
 * new query and mode, the other members by what the catalog holds. The refusal shows the cycle as
 * the path of reads that closes it.
 */
final class CycleCheck {

    private CycleCheck() {
    }

    /**
     * @param row      the stream table being altered, as it is now
     * @param derived  its new query, derived
     * @param mode     its new refresh mode
     */
    static void require(Connection c, StreamTableRow row, Derivation derived, RefreshMode mode) throws SQLException {
        List<Long> sources = derived.probe().baseRelations().stream().map(Relation::oid).toList();
        DependencyGraph graph = CatalogGraph.read(c, row.id(), sources);
        List<GraphTable> path = graph.cyclePath(row.id());
        if (path.isEmpty()) {
            return;
        }
        Cycle cycle = graph.cycleOf(row.id()).orElseThrow();
        String refused = "cannot alter stream table " + row.displayName() + ": it would close the cycle "
                + describe(path) + ", ";
        StreamTableRepository members = new StreamTableRepository();
        for (GraphTable member : cycle.members()) {
            RefreshMode memberMode = member.id() == row.id() ? mode : members.byId(c, member.id()).orElseThrow().refreshMode();
            if (memberMode == RefreshMode.IMMEDIATE) {
                throw new InvalidInputException(refused + "but its member " + member.name() + " is IMMEDIATE: a cycle is"
                        + " refreshed to a fixpoint by the scheduler, never inside a writing transaction");
            }
        }
        if (!new SettingsRepository().load(c).get(Settings.ALLOW_CIRCULAR)) {
            throw new InvalidInputException(refused + "and cycles are refused while allow_circular is off ('trickle config"
                    + " set allow_circular true' allows monotone cycles of DIFFERENTIAL stream tables)");
        }
        StreamTableRepository tables = new StreamTableRepository();
        for (GraphTable member : cycle.members()) {
            StreamTableRow m = member.id() == row.id() ? null : tables.byId(c, member.id()).orElseThrow();
            RefreshMode memberMode = m == null ? mode : m.refreshMode();
            if (memberMode != RefreshMode.DIFFERENTIAL) {
                throw new InvalidInputException(refused + "but its member " + member.name() + " has refresh mode "
                        + memberMode + ": every member of a cycle must use refresh mode DIFFERENTIAL");
            }
        }
        for (GraphTable member : cycle.members()) {
            DvmPlan plan = member.id() == row.id() ? derived.storage().plan() : storedPlan(c, member);
            Optional<String> construct = Monotonicity.firstNonMonotone(plan.tree());
            if (construct.isPresent()) {
                throw new InvalidInputException(refused + "but its member " + member.name() + " is not monotone: its query"
                        + " uses " + construct.get() + "; only monotone queries may read each other in a cycle");
            }
        }
    }

    /** {@code public.a → public.b → public.a}: data flows along the arrows. */
    static String describe(List<GraphTable> path) {
        StringBuilder sb = new StringBuilder();
        for (GraphTable t : path) {
            sb.append(t.name()).append(" → ");
        }
        return sb.append(path.get(0).name()).toString();
    }

    /**
     * The plan of a member's stored query, derived under its stored session settings inside a
     * savepoint that is rolled back (so the alter's own settings and state stay as they were).
     */
    private static DvmPlan storedPlan(Connection c, GraphTable member) throws SQLException {
        StreamTableRow row = new StreamTableRepository().byId(c, member.id()).orElseThrow();
        Savepoint sp = c.setSavepoint("__pgt_cycle_check");
        try {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT set_config('TimeZone', ?, true), set_config('search_path', ?, true)")) {
                ps.setString(1, row.timeZone());
                ps.setString(2, row.searchPath());
                ps.executeQuery().close();
            }
            RelationCatalog catalog = new RelationCatalog(c);
            ProbeResult probe = QueryProbe.probe(c, QueryText.check(row.definingQuery()), catalog);
            return Deriver.plan(c, catalog, row.definingQuery(), probe);
        } catch (SQLException | RuntimeException e) {
            throw new InvalidInputException("cannot verify that stream table " + member.name() + ", a member of the cycle,"
                    + " is monotone: " + e.getMessage(), e);
        } finally {
            c.rollback(sp);
        }
    }
}
