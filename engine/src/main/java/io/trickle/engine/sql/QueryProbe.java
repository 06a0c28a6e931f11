package io.trickle.engine.sql;

import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.api.TrickleException.InvalidQueryException;
import io.trickle.engine.db.SearchPaths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Asks PostgreSQL what a query is, by creating a temporary view of it inside a savepoint that is
 * rolled back: the view's columns are the query's output columns exactly as CREATE VIEW names and
 * types them, and the view rule's dependencies name every relation and column the query reads. The
 * query must already have passed {@link QueryText#check}; it runs here as written, never executed.
 */
public final class QueryProbe {

    private static final String VIEW = "__pgt_probe";
    private static final String PROBE_PREFIX = "CREATE TEMP VIEW " + VIEW + " AS ";
    private static final String PLAN_PREFIX = "EXPLAIN (COSTS OFF) ";

    private QueryProbe() {
    }

    /**
     * Probes {@code query} in the connection's current transaction (which must be open).
     *
     * @throws InvalidInputException with PostgreSQL's own words when the query does not parse, names
     *                               an unknown relation or column, or yields duplicate column names
     */
    public static ProbeResult probe(Connection c, QueryText query, RelationCatalog catalog) throws SQLException {
        Savepoint sp = c.setSavepoint("__pgt_probe");
        try {
            try (Statement st = c.createStatement()) {
                st.execute(PROBE_PREFIX + query.sql());
            } catch (SQLException e) {
                c.rollback(sp);
                throw translate(e, query, c, PROBE_PREFIX.length());
            }
            long viewOid = oidOf(c);
            // Types, objects and the query's text are named as they resolve without a search_path a
            // tenant could write to (the savepoint's rollback restores the caller's).
            try (Statement st = c.createStatement()) {
                st.execute("SELECT set_config('search_path', '" + SearchPaths.PINNED + "', true)");
            }
            List<ProbeResult.OutputColumn> out = outputColumns(c, viewOid);
            Map<Long, Set<String>> used = new LinkedHashMap<>();
            Set<Long> direct = new LinkedHashSet<>();
            collectDependencies(c, viewOid, direct, used);
            List<Relation> read = new ArrayList<>();
            for (long oid : direct) {
                read.add(catalog.byOid(oid));
            }
            Map<Long, Set<String>> baseUsed = new LinkedHashMap<>();
            List<Relation> base = new ArrayList<>();
            List<Relation> views = new ArrayList<>();
            expandViews(c, catalog, read, used, base, views, baseUsed);
            List<String> volatileCalls = new ArrayList<>();
            List<String> stableCalls = new ArrayList<>();
            volatility(c, viewOid, query, volatileCalls, stableCalls);
            Map<String, String> objects = objects(c, viewOid);
            String pinnedText = definition(c, viewOid);
            c.rollback(sp);
            return new ProbeResult(out, read, base, views, baseUsed, volatileCalls, stableCalls, objects, pinnedText);
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback(sp);
            } catch (SQLException ignored) {
                // the transaction is already aborted; the caller rolls it back
            }
            throw e;
        }
    }

    /**
     * Plans the query without running it ({@code EXPLAIN}), inside a savepoint. PostgreSQL accepts
     * some queries as a view that it then refuses to plan ({@code FULL JOIN … ON t.a < u.a}); such a
     * query is refused with PostgreSQL's own words before anything is created.
     *
     * @throws InvalidInputException when PostgreSQL cannot plan it
     */
    public static void requirePlannable(Connection c, QueryText query) throws SQLException {
        Savepoint sp = c.setSavepoint("__pgt_plan");
        try (Statement st = c.createStatement()) {
            st.execute(PLAN_PREFIX + query.sql());
        } catch (SQLException e) {
            c.rollback(sp);
            if ("42501".equals(e.getSQLState())) {
                // Planning checks the caller's privileges: a missing grant is told, with the GRANT
                // to run, by the source checks that follow (SourceRights), not as an invalid query.
                return;
            }
            throw translate(e, query, c, PLAN_PREFIX.length());
        }
        c.releaseSavepoint(sp);
    }

    /**
     * PostgreSQL's refusal in its own words, with its error position moved from the probe's statement
     * (whose text before the query is {@code prefixLength} long) into the query as the user wrote it
     * (as "line L, column C").
     */
    private static InvalidInputException translate(SQLException e, QueryText query, Connection c, int prefixLength)
            throws SQLException {
        String message = e.getMessage();
        String state = e.getSQLState();
        java.util.regex.Matcher schema = java.util.regex.Pattern.compile("permission denied for schema (\\S+)")
                .matcher(message == null ? "" : message);
        if ("42501".equals(state) && schema.find()) {
            String role;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_user")) {
                rs.next();
                role = rs.getString(1);
            }
            return new InvalidInputException("role " + role + " may not read the query's relations in schema "
                    + schema.group(1) + " (GRANT USAGE ON SCHEMA " + schema.group(1) + " TO "
                    + io.trickle.engine.api.QualifiedName.display(role) + ")", e);
        }
        if (message != null && message.contains("data-modifying statements")) {
            return new InvalidInputException("the query cannot modify data: a stream table's query reads only"
                    + " (it has an INSERT, UPDATE, DELETE or MERGE in WITH)", e);
        }
        String prefix = switch (state == null ? "" : state) {
            case "42601" -> "the query has a syntax error: ";
            case "42P01" -> "the query names an unknown relation: ";
            case "42703" -> "the query names an unknown column: ";
            case "3F000" -> "the query names an unknown schema: ";
            case "42883" -> "the query calls an unknown function or operator: ";
            case "42701" -> "the query's output columns need distinct names (give them with AS): ";
            case "0A000" -> "PostgreSQL cannot run the query: ";
            default -> "the query is not valid: ";
        };
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server == null || server.getMessage() == null) {
            return new InvalidInputException(prefix + e.getMessage(), e);
        }
        String hint = server.getHint() == null ? "" : " (hint: " + server.getHint() + ")";
        var where = query.locate(server.getPosition() - prefixLength);
        if (where.isEmpty()) {
            return new InvalidQueryException(prefix + server.getMessage() + hint, 0, 0, 0, e);
        }
        int[] at = where.get();
        return new InvalidQueryException(prefix + server.getMessage() + " at line " + at[1] + ", column " + at[2] + hint,
                at[0], at[1], at[2], e);
    }

    private static long oidOf(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 'pg_temp." + VIEW + "'::regclass::oid")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<ProbeResult.OutputColumn> outputColumns(Connection c, long viewOid) throws SQLException {
        List<ProbeResult.OutputColumn> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, " + PgType.columnSql("a")
                + " FROM pg_attribute a WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setLong(1, viewOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ProbeResult.OutputColumn(rs.getString(1), PgType.read(rs, 2)));
                }
            }
        }
        for (ProbeResult.OutputColumn col : out) {
            if (col.name().startsWith("__pgt_")) {
                throw new InvalidInputException("output column \"" + col.name()
                        + "\" uses the prefix __pgt_, which Trickle reserves for its own columns");
            }
        }
        return out;
    }

    /**
     * Relations (and their columns) the view's rule reads. The relations come from the rule's range
     * table, not from pg_depend: PostgreSQL records no dependency on pinned objects, so a query over
     * {@code pg_class} or {@code pg_stat_activity} would otherwise seem to read nothing at all, and a
     * stream table over it would believe nothing ever changed. pg_depend still gives the columns.
     */
    private static void collectDependencies(Connection c, long viewOid, Set<Long> relations,
                                            Map<Long, Set<String>> used) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT m.relid
                  FROM pg_rewrite r
                 CROSS JOIN LATERAL (SELECT x[1]::oid AS relid FROM regexp_matches(r.ev_action::text, ':relid (\\d+)', 'g') x) m
                  JOIN pg_class rc ON rc.oid = m.relid
                 WHERE r.ev_class = ? AND m.relid <> ?
                 ORDER BY m.relid""")) {
            ps.setLong(1, viewOid);
            ps.setLong(2, viewOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    relations.add(rs.getLong(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT d.refobjid, a.attname
                  FROM pg_depend d
                  JOIN pg_rewrite r ON r.oid = d.objid
                  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                 WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
                   AND r.ev_class = ? AND d.refobjid <> ? AND d.refobjsubid > 0""")) {
            ps.setLong(1, viewOid);
            ps.setLong(2, viewOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    used.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>()).add(rs.getString(2));
                }
            }
        }
        for (long oid : relations) {
            used.computeIfAbsent(oid, k -> new TreeSet<>());
        }
    }

    /**
     * Everything but relations that the view's rule depends on. PostgreSQL records no dependency on
     * built-in objects, so these are exactly the functions, operators, types and collations that
     * someone created: what a search_path could resolve differently.
     */
    private static Map<String, String> objects(Connection c, long viewOid) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT d.refclassid::regclass::text || ':' || d.refobjid, pg_describe_object(d.refclassid, d.refobjid, 0)
                  FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
                 WHERE d.classid = 'pg_rewrite'::regclass AND r.ev_class = ? AND d.refclassid <> 'pg_class'::regclass""")) {
            ps.setLong(1, viewOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static String definition(Connection c, long viewOid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_viewdef(?::oid)")) {
            ps.setLong(1, viewOid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1).strip();
            }
        }
    }

    /**
     * Replaces user views by the relations beneath them, recursively, merging the columns used, and
     * lists the views so expanded. System views are not expanded: they stand for their own changes,
     * which cannot be captured.
     */
    private static void expandViews(Connection c, RelationCatalog catalog, List<Relation> read,
                                    Map<Long, Set<String>> used, List<Relation> base, List<Relation> views,
                                    Map<Long, Set<String>> baseUsed) throws SQLException {
        Deque<Relation> todo = new ArrayDeque<>(read);
        Map<Long, Set<String>> allUsed = new HashMap<>(used);
        Set<Long> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Relation r = todo.pop();
            if (!seen.add(r.oid())) {
                continue;
            }
            if (r.kind() == RelationKind.VIEW) {
                views.add(r);
                Set<Long> beneath = new LinkedHashSet<>();
                Map<Long, Set<String>> beneathUsed = new LinkedHashMap<>();
                collectDependencies(c, r.oid(), beneath, beneathUsed);
                for (long oid : beneath) {
                    allUsed.computeIfAbsent(oid, k -> new TreeSet<>()).addAll(beneathUsed.getOrDefault(oid, Set.of()));
                    todo.add(catalog.byOid(oid));
                }
            } else {
                base.add(r);
            }
        }
        for (Relation r : base) {
            baseUsed.put(r.oid(), new TreeSet<>(allUsed.getOrDefault(r.oid(), Set.of())));
        }
        for (Relation v : views) {
            baseUsed.put(v.oid(), new TreeSet<>(allUsed.getOrDefault(v.oid(), Set.of())));
        }
    }

    /**
     * Functions called that are not immutable: user functions from the view's dependencies, and
     * built-in functions (whose dependencies PostgreSQL does not record) by the names the query calls.
     */
    private static void volatility(Connection c, long viewOid, QueryText query, List<String> volatileCalls,
                                   List<String> stableCalls) throws SQLException {
        Set<String> vol = new TreeSet<>();
        Set<String> stable = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT p.proname, p.provolatile::text
                  FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_proc p ON p.oid = d.refobjid
                 WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_proc'::regclass AND r.ev_class = ?
                UNION
                SELECT p.proname, p.provolatile::text
                  FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_operator o ON o.oid = d.refobjid
                  JOIN pg_proc p ON p.oid = o.oprcode
                 WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_operator'::regclass AND r.ev_class = ?
                UNION
                SELECT p.proname, max(p.provolatile::text)
                  FROM pg_proc p
                 WHERE p.proname = ANY (?) AND p.pronamespace = 'pg_catalog'::regnamespace
                 GROUP BY p.proname""")) {
            ps.setLong(1, viewOid);
            ps.setLong(2, viewOid);
            ps.setArray(3, c.createArrayOf("text", query.calledNames().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String v = rs.getString(2);
                    if ("v".equals(v)) {
                        vol.add(rs.getString(1) + "()");
                    } else if ("s".equals(v)) {
                        stable.add(rs.getString(1) + "()");
                    }
                }
            }
        }
        // Keywords that are stable function calls without parentheses.
        for (String w : query.words()) {
            if (Set.of("current_date", "current_time", "current_timestamp", "localtime", "localtimestamp").contains(w)) {
                stable.add(w);
            }
        }
        volatileCalls.addAll(vol);
        stableCalls.addAll(stable);
    }
}
