package io.trickle.engine.lifecycle;

import io.trickle.engine.api.EffectiveMode;
import io.trickle.engine.api.StreamTableDetails;
import io.trickle.engine.api.TrickleException.NotFoundException;
import io.trickle.engine.catalog.Dependency;
import io.trickle.engine.catalog.DependencyRepository;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.dvm.DvmPlan;
import io.trickle.engine.dvm.RowIdentity;
import io.trickle.engine.dvm.render.SourceWindows;
import io.trickle.engine.refresh.Deriver;
import io.trickle.engine.sql.ProbeResult;
import io.trickle.engine.sql.QueryProbe;
import io.trickle.engine.sql.QueryText;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationCatalog;
import io.trickle.engine.db.PgQuote;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code show} prints. The plan is derived again under the table's stored session context, in
 * a transaction that is rolled back, so that what is shown is what the next refresh runs.
 */
public final class ShowStreamTable {

    private ShowStreamTable() {
    }

    public static StreamTableDetails describe(Connection c, long id) throws SQLException {
        StreamTableRow row = new StreamTableRepository().byId(c, id)
                .orElseThrow(() -> new NotFoundException("stream table " + id + " does not exist"));
        List<String> sources = new ArrayList<>();
        for (Dependency d : new DependencyRepository().of(c, id)) {
            sources.add(d.displayName() + " (" + d.sourceType().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        }
        List<String> columns = new ArrayList<>();
        for (String[] col : io.trickle.engine.refresh.StorageTables.currentColumns(c, row.storageOid())) {
            columns.add(col[0] + " " + col[1]);
        }
        String tree = null;
        String strategy = null;
        String delta = null;
        String full = "SELECT * FROM (" + row.definingQuery() + ") q";
        String identity = row.keyedRowIds() ? "unique (hash of a key)" : "hash of the whole row (duplicates share it)";
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('TimeZone', ?, true), set_config('search_path', ?, true)")) {
            ps.setString(1, row.timeZone());
            ps.setString(2, row.searchPath());
            ps.executeQuery().close();
            boolean immediate = row.effectiveMode() == EffectiveMode.IMMEDIATE;
            if (row.effectiveMode() == EffectiveMode.DIFFERENTIAL || immediate) {
                RelationCatalog catalog = new RelationCatalog(c);
                ProbeResult probe = QueryProbe.probe(c, QueryText.check(row.definingQuery()), catalog);
                DvmPlan plan = Deriver.plan(c, catalog, row.definingQuery(), probe);
                tree = plan.tree().explain();
                strategy = plan.strategy();
                full = plan.fullSql();
                identity = describe(plan.identity());
                Map<Long, String> windows = new LinkedHashMap<>();
                StringBuilder header = new StringBuilder();
                int n = 0;
                for (Map.Entry<Relation, Set<String>> e : plan.sourceColumns().entrySet()) {
                    String name = "pg_temp.__pgt_window_" + (++n);
                    windows.put(e.getKey().oid(), name);
                    header.append("-- ").append(name).append(": change window of ").append(e.getKey().qualifiedName())
                            .append(" (").append(String.join(", ", e.getValue())).append(", __pgt_w)\n");
                }
                if (immediate) {
                    header.append("-- after a statement on one source: its transition tables; every other window is empty\n");
                }
                delta = header + plan.deltaSql(new SourceWindows(windows), PgQuote.qualified(row.schema(), row.name()));
            }
        } catch (RuntimeException | SQLException e) {
            strategy = "cannot derive the plan now: " + e.getMessage();
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        return new StreamTableDetails(row.displayName(), row.status(), row.refreshMode(), row.effectiveMode(),
                row.fallbackReason(), row.refreshMode() == io.trickle.engine.api.RefreshMode.IMMEDIATE ? "none: maintained in the writing transaction"
                        : row.schedule() == null ? "calculated" : row.schedule(), row.originalQuery(),
                row.definingQuery(), columns, identity, sources, tree, strategy, delta, full, row.lastError());
    }

    private static String describe(RowIdentity id) {
        if (!id.keyed()) {
            return "hash of the whole row (duplicates share it)";
        }
        return id.keyColumns().isEmpty() ? "single row" : "unique: hash of " + String.join(", ", id.keyColumns());
    }
}
