package io.trickle.engine.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The evidence behind a slow refresh (issue 14, point 5): the EXPLAIN (ANALYZE, BUFFERS) of every
 * statement a refresh runs, the delta among them, taken by PostgreSQL's {@code auto_explain} in the
 * suite's own session around a refresh called from SQL ({@code SELECT * FROM pgtrickle.refresh(name)}),
 * so the suite sees exactly what the engine runs without knowing its insides. It needs a catalog with
 * that SQL entry point and a session that may load auto_explain and set its parameters (a superuser,
 * or a role a DBA granted them to: the module in {@code $libdir/plugins} and
 * {@code GRANT SET ON PARAMETER auto_explain.…}); otherwise the suite says why it has no evidence.
 */
final class Evidence {

    /** One statement the refresh ran: its text, its duration and its plan with actual times and buffers. */
    record Step(String query, double ms, String plan) {
        /**
         * Whether the statement does work of its own: a call of a function (the SQL refresh, a compiled
         * refresh, a lock) has a Result or Function Scan on top and spends its time in the statements it
         * runs, which are logged too.
         */
        boolean doesWork() {
            String top = topNode();
            return !top.startsWith("Result") && !top.startsWith("Function Scan") && !top.startsWith("ProjectSet");
        }

        /** The plan's top node: the query text may span lines, so it is the first line with costs. */
        private String topNode() {
            return plan.lines().filter(l -> l.contains("(cost=") || l.contains("(actual")).map(String::strip)
                    .findFirst().orElse("");
        }

        /**
         * The statement as the summary names it: its plan's top node and the start of its text on one
         * line, e.g. {@code Hash Join: WITH __pgt_window_1 AS ( SELECT b."id" …}.
         */
        String headline() {
            String node = topNode();
            int cost = node.indexOf("  (");
            node = cost < 0 ? node : node.substring(0, cost);
            String text = query.replaceAll("\\s+", " ").strip();
            text = text.length() > 70 ? text.substring(0, 67) + "..." : text;
            return node.isEmpty() ? text : node + ": " + text;
        }
    }

    /** What one explained refresh showed. */
    record Capture(double wallMs, List<Step> steps) {
        Optional<Step> dominant() {
            // A call contains the statements it runs; the dominant step is the slowest that works itself.
            return steps.stream().filter(Step::doesWork).max(Comparator.comparingDouble(Step::ms));
        }

        String render() {
            StringBuilder out = new StringBuilder();
            for (Step s : steps) {
                out.append(String.format(Locale.ROOT, "-- %.3f ms%n%s%n%n", s.ms(), s.plan()));
            }
            return out.toString();
        }
    }

    private static final Pattern DURATION = Pattern.compile("duration: ([0-9.]+) ms\\s+plan:\\s*\\n", Pattern.MULTILINE);
    private static final String[] SETTINGS = {"auto_explain.log_min_duration = 0", "auto_explain.log_analyze = on",
        "auto_explain.log_buffers = on", "auto_explain.log_nested_statements = on", "auto_explain.log_level = notice",
        "client_min_messages = notice"};

    private final String jdbcUrl;

    Evidence(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** Why no evidence can be taken here, or empty when it can. */
    Optional<String> unavailable() {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT coalesce(to_regprocedure('pgtrickle.refresh(text, boolean)'),"
                         + " to_regprocedure('pgtrickle.refresh(text)')) IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Optional.of("this catalog has no SQL refresh (pgtrickle.refresh) to explain");
                }
            }
            prepare(c);
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("auto_explain cannot be used in this session (" + firstLine(e) + "); a superuser can allow "
                    + "it: put auto_explain.so in $libdir/plugins and GRANT SET ON PARAMETER auto_explain.log_min_duration, "
                    + "auto_explain.log_analyze, auto_explain.log_buffers, auto_explain.log_nested_statements, "
                    + "auto_explain.log_level TO the suite's role");
        }
    }

    /**
     * Refreshes {@code name} from SQL with every statement explained, in the REPEATABLE READ
     * transaction the SQL refresh asks for.
     */
    Capture refresh(String name) throws SQLException {
        return explain("SELECT * FROM pgtrickle.refresh(?)", name);
    }

    /**
     * Runs {@code sql} (one text parameter) in a REPEATABLE READ transaction of a session of its own
     * with auto_explain on, and commits; returns the plans.
     */
    Capture explain(String sql, String parameter) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            prepare(c);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, parameter);
                long start = System.nanoTime();
                ps.execute();
                c.commit();
                double wall = (System.nanoTime() - start) / 1e6;
                List<String> notices = new ArrayList<>();
                for (SQLWarning w = ps.getWarnings(); w != null; w = w.getNextWarning()) {
                    notices.add(w.getMessage());
                }
                for (SQLWarning w = c.getWarnings(); w != null; w = w.getNextWarning()) {
                    notices.add(w.getMessage());
                }
                return new Capture(wall, parse(notices));
            }
        }
    }

    private static void prepare(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            try {
                st.execute("LOAD 'auto_explain'");
            } catch (SQLException superuserOnly) {
                st.execute("LOAD '$libdir/plugins/auto_explain'");
            }
            for (String s : SETTINGS) {
                st.execute("SET " + s);
            }
        }
    }

    /** The plans in auto_explain's notices ({@code duration: N ms  plan:}, then {@code Query Text:} and the plan). */
    static List<Step> parse(List<String> notices) {
        List<Step> out = new ArrayList<>();
        for (String n : notices) {
            Matcher d = DURATION.matcher(n);
            if (!d.find()) {
                continue;
            }
            String plan = n.substring(d.end());
            out.add(new Step(queryText(plan), Double.parseDouble(d.group(1)), plan.strip()));
        }
        return out;
    }

    /** The text after {@code Query Text:} up to the plan's top node (the first line with costs); it may span lines. */
    private static String queryText(String plan) {
        int start = plan.indexOf("Query Text: ");
        if (start < 0) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        for (String line : plan.substring(start + "Query Text: ".length()).split("\n", -1)) {
            if (line.contains("(cost=") || line.contains("(actual")) {
                break;
            }
            lines.add(line);
        }
        return String.join("\n", lines).strip();
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.getSQLState() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
