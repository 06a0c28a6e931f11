package io.trickle.engine.refresh;

import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.DvmPlan;
import io.trickle.engine.dvm.RowIdentity;
import io.trickle.engine.dvm.StorageColumn;
import io.trickle.engine.dvm.render.SqlWriter;
import io.trickle.engine.sql.PgType;
import io.trickle.engine.sql.ProbeResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a stream table's storage and how to fill it: its columns, its row identity, and the
 * query that yields its rows from the sources as they are. A DIFFERENTIAL table takes these from its
 * plan (which may add auxiliary columns); a FULL table stores the query's output as it is, with
 * content-hash row ids.
 *
 * @param plan the differential plan, or null when the table is refreshed in full only
 */
public record StorageSpec(List<StorageColumn> columns, RowIdentity identity, String fullSql, DvmPlan plan) {

    public StorageSpec {
        columns = List.copyOf(columns);
    }

    /**
     * A differentially maintained table. When its storage holds only the query's columns (no state
     * of its own), a full refresh runs the defining query as written, which PostgreSQL plans better
     * than the engine's rendering of its operator tree; otherwise the tree yields the state columns too.
     */
    public static StorageSpec differential(DvmPlan plan, String definingQuery) {
        boolean onlyQueryColumns = plan.storage().stream().noneMatch(StorageColumn::auxiliary);
        String full = onlyQueryColumns
                ? "SELECT " + String.join(", ", plan.storage().stream().map(c -> "q." + ident(c.name())).toList())
                        + " FROM (" + definingQuery + ") q"
                : plan.fullSql();
        return new StorageSpec(plan.storage(), plan.identity(), full, plan);
    }

    public static StorageSpec full(ProbeResult probe, String definingQuery) {
        List<StorageColumn> cols = new ArrayList<>();
        for (ProbeResult.OutputColumn c : probe.outputColumns()) {
            cols.add(new StorageColumn(c.name(), c.type(), false));
        }
        return new StorageSpec(cols, RowIdentity.content(), "SELECT * FROM (" + definingQuery + ") q", null);
    }

    public List<StorageColumn> userColumns() {
        return columns.stream().filter(c -> !c.auxiliary()).toList();
    }

    /** The row id of the storage columns read through {@code alias}. */
    public String rowIdExpr(String alias) {
        List<String> values = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        if (identity.keyed()) {
            for (String k : identity.keyColumns()) {
                values.add(alias + "." + ident(k));
                types.add(type(k));
            }
        } else {
            for (StorageColumn c : columns) {
                values.add(alias + "." + ident(c.name()));
                types.add(c.type());
            }
        }
        return SqlWriter.rowId(values, types);
    }

    public PgType type(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no storage column " + column)).type();
    }

    /** {@code "a", "b", …} of every storage column. */
    public String columnList() {
        return String.join(", ", columns.stream().map(c -> ident(c.name())).toList());
    }

    /** {@code alias."a", alias."b", …}. */
    public String columnList(String alias) {
        return String.join(", ", columns.stream().map(c -> alias + "." + ident(c.name())).toList());
    }
}
