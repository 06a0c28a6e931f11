package io.trickle.engine.cdc;

import io.trickle.engine.db.PgQuote;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The stash of one source of an IMMEDIATE table: an unlogged table in {@code pgtrickle_changes}
 * shaped like the source's window (the columns the delta reads, with the source's types and
 * collations, and {@code __pgt_w}). It holds a statement's change only while another statement on a
 * source of the same table is still under way ({@link PendingWindows}), and is emptied in the same
 * transaction; writers of one table's sources are serialised by its lock, so one transaction at a
 * time uses it. Its other use is to type the empty windows of {@link TransitionTables}.
 */
public final class ImmediateStash {

    private ImmediateStash() {
    }

    /** {@code pgtrickle_changes."ivm_<pgt_id>_<index>"}. */
    public static String table(long pgtId, int index) {
        return CaptureInfo.SCHEMA + "." + PgQuote.ident("ivm_" + pgtId + "_" + index);
    }

    /** The stash's rows as a window (not consolidated). */
    static String contents(long pgtId, int index, Collection<String> columns) {
        return "SELECT " + columns.stream().map(col -> "s." + PgQuote.ident(col) + ", ").collect(Collectors.joining())
                + "s.__pgt_w FROM " + table(pgtId, index) + " s";
    }

    /** An empty window with the source's column types and collations. */
    static String emptyWindow(long pgtId, int index, Collection<String> columns) {
        return contents(pgtId, index, columns) + " WHERE false";
    }

    /** Keeps {@code rows} (a window query over the columns, in this order) in the stash. */
    public static String keep(long pgtId, int index, Collection<String> columns, String rows) {
        return "INSERT INTO " + table(pgtId, index) + " (" + columns.stream().map(col -> PgQuote.ident(col) + ", ")
                .collect(Collectors.joining()) + "__pgt_w) " + rows;
    }

    /** Creates the stash of source {@code index} for the columns the delta reads from it. */
    public static void create(Connection c, long pgtId, int index, Relation source, Collection<String> columns)
            throws SQLException {
        SourceColumns live = SourceColumns.read(c, source.oid());
        List<String> defs = new ArrayList<>();
        for (String col : columns) {
            defs.add(live.column(col).orElseThrow(() -> new SQLException("column " + col + " of " + source.qualifiedName()
                    + " does not exist", "42703")).definition());
        }
        defs.add("__pgt_w bigint NOT NULL");
        try (Statement st = c.createStatement()) {
            st.execute("CREATE UNLOGGED TABLE " + table(pgtId, index) + " (" + String.join(", ", defs) + ")");
            st.execute("COMMENT ON TABLE " + table(pgtId, index) + " IS "
                    + PgQuote.literal("Trickle: changes of " + source.qualifiedName() + " waiting for IMMEDIATE maintenance"));
        }
    }

    /** Drops every stash of a stream table. */
    public static void dropAll(Connection c, long pgtId) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ? AND c.relkind = 'r' AND c.relname ~ ?""")) {
            ps.setString(1, CaptureInfo.SCHEMA);
            ps.setString(2, "^ivm_" + pgtId + "_[0-9]+$");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        try (Statement st = c.createStatement()) {
            for (String t : tables) {
                st.execute("DROP TABLE IF EXISTS " + t);
            }
        }
    }
}
