package io.trickle.engine.refresh;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.Version;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.cdc.BufferedWindows;
import io.trickle.engine.cdc.CaptureInfo;
import io.trickle.engine.db.PgQuote;
import io.trickle.engine.db.SearchPaths;
import io.trickle.engine.dvm.render.SourceWindows;
import io.trickle.engine.sql.PgType;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a stream table's refresh into the database (DESIGN §2, issue 13): one PL/pgSQL function,
 * {@code pgtrickle_changes."refresh_<pgt_id>"(op)}, with the table's statements as static SQL —
 *
 * <ul>
 *   <li>{@code DIFFERENTIAL}: each source's change window read straight from its typed buffer
 *       (consolidated, {@link ChangeWindows#consolidated}), the delta the DVM derived over those
 *       windows, and the {@link ApplyStatement}, all one statement;</li>
 *   <li>{@code FULL}: the query's rows, either inserted into an empty table or diffed against the
 *       table and applied as the difference (one statement as well).</li>
 * </ul>
 *
 * <p>The function carries the creator's session context as its own settings (TimeZone,
 * search_path) and is called by {@code pgtrickle.run_refresh}, which decides what to run — and how
 * to plan it: a window of ten rows and one of a million need different plans, so a large window is
 * planned for its values every time ({@code plan_cache_mode = force_custom_plan}), while small ones
 * may reuse the session's cached plan. So a refresh parses, probes and
 * explains nothing: that was done here, once, at create or alter, and is done again only when the
 * sources' columns change or another engine build must recompile ({@link #VERSION}).
 */
public final class RefreshCompiler {

    /** What compiled a refresh: raise the revision whenever the generated SQL changes shape. */
    static final String VERSION = "c5/" + Version.engine();

    private RefreshCompiler() {
    }

    static String functionName(long pgtId) {
        return "refresh_" + pgtId;
    }

    /** Writes (or rewrites) the compiled refresh of a stream table and records it in the catalog. */
    static void compile(Connection c, StreamTableRow row, StorageSpec spec) throws SQLException {
        compile(c, row.id(), row.schema(), row.name(), row.timeZone(), row.searchPath(), spec,
                row.refreshMode() == RefreshMode.IMMEDIATE);
    }

    public static void compile(Connection c, long pgtId, String schema, String name, String timeZone, String searchPath,
                        StorageSpec spec) throws SQLException {
        compile(c, pgtId, schema, name, timeZone, searchPath, spec, false);
    }

    /**
     * Writes the compiled refresh; for an IMMEDIATE table ({@code immediate}) only its FULL half (its
     * writers maintain it, see {@link ImmediateCompiler}, and its sources may have no buffers).
     */
    public static void compile(Connection c, long pgtId, String schema, String name, String timeZone, String searchPath,
                        StorageSpec spec, boolean immediate) throws SQLException {
        String storage = PgQuote.qualified(schema, name);
        String body = body(c, pgtId, storage, spec, immediate);
        String delimiter = delimiterFor(body);
        String ddl = "CREATE OR REPLACE FUNCTION " + CaptureInfo.SCHEMA + "." + PgQuote.ident(functionName(pgtId))
                + "(__pgt_op text, OUT __pgt_inserted bigint, OUT __pgt_deleted bigint) LANGUAGE plpgsql"
                // Never the creator's path: the function runs as whoever refreshes (the engine), and
                // names in a schema a tenant can write to must not resolve to the tenant's objects
                // (issue 18); stored queries are pinned to resolve without one.
                + " SET search_path TO " + searchPathClause(SearchPaths.PINNED)
                + " SET \"TimeZone\" TO " + PgQuote.literal(timeZone)
                + " AS " + delimiter + "\n" + body + delimiter;
        try (Statement st = c.createStatement()) {
            st.execute(ddl);
            st.execute("REVOKE ALL ON FUNCTION " + CaptureInfo.SCHEMA + "." + PgQuote.ident(functionName(pgtId))
                    + "(text) FROM PUBLIC");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE pgtrickle.pgt_stream_tables SET compiled_version = ?, compiled_at = clock_timestamp(),"
                        + " rescans_groups = ? WHERE pgt_id = ?")) {
            ps.setString(1, VERSION);
            ps.setBoolean(2, spec.plan() != null && spec.plan().recomputesTouchedGroups());
            ps.setLong(3, pgtId);
            ps.executeUpdate();
        }
    }

    /** Removes the compiled refresh of a stream table being dropped. */
    public static void drop(Connection c, long pgtId) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP FUNCTION IF EXISTS " + CaptureInfo.SCHEMA + "." + PgQuote.ident(functionName(pgtId)) + "(text)");
        }
    }

    private static String body(Connection c, long pgtId, String storage, StorageSpec spec, boolean immediate)
            throws SQLException {
        StringBuilder declare = new StringBuilder("#variable_conflict use_column\nDECLARE\n  __pgt_bad bigint := 0;\n");
        StringBuilder begin = new StringBuilder("BEGIN\n  IF __pgt_op = 'DIFFERENTIAL' THEN\n");
        if (spec.plan() == null) {
            begin.append("    RAISE EXCEPTION 'stream table % is refreshed in full only', ")
                    .append(PgQuote.literal(storage)).append(";\n");
        } else if (immediate) {
            begin.append("    RAISE EXCEPTION 'stream table % is maintained in the writing transaction (IMMEDIATE)', ")
                    .append(PgQuote.literal(storage)).append(";\n");
        } else {
            CompiledDelta delta = CompiledDelta.of(c, spec, storage, new BufferedWindows(pgtId),
                    "__pgt_inserted, __pgt_deleted, __pgt_bad");
            delta.declarations().forEach(d -> declare.append("  ").append(d).append('\n'));
            delta.setup().forEach(s -> begin.append("    ").append(s).append('\n'));
            begin.append("    -- The planner's estimates for small windows joined to whole tables are often far off, and\n")
                    .append("    -- JIT then spends longer compiling than the delta takes to run.\n")
                    .append("    PERFORM pg_catalog.set_config('jit', 'off', true);\n    ")
                    .append(delta.statement())
                    .append(";\n");
        }
        begin.append("  ELSIF NOT EXISTS (SELECT 1 FROM ").append(storage).append(") THEN\n    ")
                .append(ApplyStatement.populate(storage, spec)).append(";\n")
                .append("    GET DIAGNOSTICS __pgt_inserted = ROW_COUNT;\n    __pgt_deleted := 0;\n")
                .append("  ELSE\n    ")
                .append(ApplyStatement.apply(storage, spec, List.of(), ApplyStatement.fullChange(storage, spec),
                        "__pgt_inserted, __pgt_deleted, __pgt_bad"))
                .append(";\n  END IF;\n")
                .append("  IF __pgt_bad > 0 THEN\n")
                .append("    RAISE EXCEPTION 'internal error: the change of % has several rows for one unique row id; the refresh was rolled back', ")
                .append(PgQuote.literal(storage)).append(" USING ERRCODE = 'XX000';\n  END IF;\nEND\n");
        return declare.append(begin).toString();
    }

    /** A dollar-quote tag that does not occur in the body (a user's query may contain dollar quotes). */
    static String delimiterFor(String body) {
        String tag = "$pgt$";
        for (int i = 1; body.contains(tag); i++) {
            tag = "$pgt" + i + "$";
        }
        return tag;
    }

    /**
     * The creator's search_path as a SET clause value: its elements parsed as PostgreSQL reads a list
     * setting (comma-separated, double quotes around names that need them, unquoted names folded to
     * lower case) and each written as a quoted identifier, so that no stored text becomes SQL. An
     * empty one means pg_catalog alone.
     */
    static String searchPathClause(String searchPath) {
        List<String> names = new ArrayList<>();
        if (searchPath != null) {
            StringBuilder current = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            for (int i = 0; i < searchPath.length(); i++) {
                char ch = searchPath.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < searchPath.length() && searchPath.charAt(i + 1) == '"') {
                        current.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        current.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                    any = true;
                } else if (ch == ',') {
                    addName(names, current, any);
                    current.setLength(0);
                    any = false;
                } else if (!Character.isWhitespace(ch)) {
                    current.append(Character.toLowerCase(ch));
                    any = true;
                }
            }
            addName(names, current, any);
        }
        return names.isEmpty() ? "pg_catalog" : String.join(", ", names.stream().map(PgQuote::ident).toList());
    }

    private static void addName(List<String> names, StringBuilder name, boolean any) {
        if (any && name.length() > 0) {
            names.add(name.toString());
        }
    }
}
