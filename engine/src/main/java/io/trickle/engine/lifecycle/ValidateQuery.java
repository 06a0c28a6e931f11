package io.trickle.engine.lifecycle;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.ValidationResult;
import io.trickle.engine.dvm.DvmPlan;
import io.trickle.engine.dvm.StorageColumn;
import io.trickle.engine.dvm.render.SourceWindows;
import io.trickle.engine.refresh.Derivation;
import io.trickle.engine.refresh.Deriver;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Derives a query as create would, in a transaction that is rolled back, and reports what it found. */
public final class ValidateQuery {

    private ValidateQuery() {
    }

    public static ValidationResult run(Connection c, String query, RefreshMode mode) throws SQLException {
        c.setAutoCommit(false);
        try {
            Derivation d = Deriver.derive(c, query, mode);
            List<String> columns = d.storage().userColumns().stream().map(col -> col.name() + " " + col.type().declaration()).toList();
            DvmPlan plan = d.storage().plan();
            if (plan == null) {
                return new ValidationResult(d.effectiveMode(), d.fallbackReason(), columns, null, null, null, d.warnings());
            }
            Map<Long, String> windows = new LinkedHashMap<>();
            StringBuilder header = new StringBuilder();
            int n = 0;
            for (Map.Entry<Relation, Set<String>> e : plan.sourceColumns().entrySet()) {
                String name = "pg_temp.__pgt_window_" + (++n);
                windows.put(e.getKey().oid(), name);
                header.append("-- ").append(name).append(": change window of ").append(e.getKey().qualifiedName()).append('\n');
            }
            String delta = header + plan.deltaSql(new SourceWindows(windows), "<storage table>");
            return new ValidationResult(d.effectiveMode(), null, columns, plan.tree().explain(), plan.strategy(), delta,
                    d.warnings());
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    static List<String> names(List<StorageColumn> columns) {
        return columns.stream().map(StorageColumn::name).toList();
    }
}
