package io.trickle.engine.refresh;

import io.trickle.engine.cdc.ChangeSource;
import io.trickle.engine.dvm.render.SourceWindows;
import io.trickle.engine.sql.PgType;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stream table's differential maintenance as PL/pgSQL: each source's window as a CTE, read from
 * wherever the {@link ChangeSource} says; the delta the DVM derived over those windows; and the
 * {@link ApplyStatement} — one statement, whose three counts go into {@code into}. Written once for
 * the compiled refresh ({@link RefreshCompiler}) and the IMMEDIATE triggers ({@link ImmediateCompiler}).
 *
 * @param declarations PL/pgSQL variable declarations the statement needs (one per line)
 * @param setup        PL/pgSQL statements to run before it
 * @param statement    the statement, without its terminating semicolon
 */
record CompiledDelta(List<String> declarations, List<String> setup, String statement) {

    static CompiledDelta of(Connection c, StorageSpec spec, String storage, ChangeSource changes, String into)
            throws SQLException {
        List<String> declarations = new ArrayList<>();
        List<String> setup = new ArrayList<>();
        Map<Long, String> windows = new LinkedHashMap<>();
        Set<Long> unchanged = new HashSet<>();
        List<String> ctes = new ArrayList<>();
        int n = 0;
        for (Map.Entry<Relation, Set<String>> e : spec.plan().sourceColumns().entrySet()) {
            Relation source = e.getKey();
            n++;
            ChangeSource.Window w = changes.window(c, n, source, columns(source, e.getValue()));
            declarations.addAll(w.declarations());
            setup.addAll(w.setup());
            String name = "__pgt_window_" + n;
            // An empty window is inlined, so that the planner drops every branch of the delta that reads it.
            ctes.add(name + (w.empty() ? " AS NOT MATERIALIZED (\n  " : " AS (\n  ") + w.query() + "\n)");
            windows.put(source.oid(), name);
            if (w.empty()) {
                unchanged.add(source.oid());
            }
        }
        String delta = spec.plan().deltaSql(new SourceWindows(windows, unchanged), storage);
        ctes.add("__pgt_delta AS (\n" + delta + "\n)");
        return new CompiledDelta(declarations, setup, ApplyStatement.apply(storage, spec, ctes, "SELECT d.* FROM __pgt_delta d", into));
    }

    /** The columns the delta reads from a source, by name with their types. */
    static Map<String, PgType> columns(Relation source, Set<String> names) {
        Map<String, PgType> columns = new LinkedHashMap<>();
        for (String col : names) {
            columns.put(col, source.column(col).orElseThrow(() -> new IllegalStateException(
                    "no column " + col + " in " + source.qualifiedName())).type());
        }
        return columns;
    }
}
