package io.trickle.engine.bench;

import io.trickle.engine.api.RefreshOptions;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The core benchmark (issue 3): a scan with a filter, an aggregate and a join over {@code rows}
 * orders, each kept by a DIFFERENTIAL stream table and by a FULL one. Every cycle changes
 * {@code changePct} % of the orders (updates of amounts and customers, inserts and deletes), then
 * refreshes both and records the engine's own duration (the database clock). Not a test: it runs on
 * demand ({@code trickle bench core}) and writes DESIGN §6 CSV.
 */
public final class CoreBenchmark {

    /** What to run. */
    public record Options(long rows, double changePct, int cycles, Path csv) {
    }

    private static final Map<String, String> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("scan", "SELECT id, cust_id, amount FROM bench_orders WHERE amount > 10");
        SCENARIOS.put("aggregate", "SELECT cust_id, count(*) AS n, sum(amount) AS total FROM bench_orders GROUP BY cust_id");
        SCENARIOS.put("join", "SELECT o.id, c.region, o.amount FROM bench_orders o JOIN bench_customers c ON c.id = o.cust_id");
    }

    private CoreBenchmark() {
    }

    public static void run(String jdbcUrl, Options options, PrintWriter out) throws SQLException, IOException {
        String runId = "core-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             Trickle trickle = Trickle.open(EngineOptions.forUrl(jdbcUrl).withMaxConnections(3));
             BenchmarkCsv csv = new BenchmarkCsv(options.csv())) {
            trickle.install();
            setUp(c, options.rows());
            for (Map.Entry<String, String> s : SCENARIOS.entrySet()) {
                trickle.create(CreateRequest.of("bench_" + s.getKey() + "_diff", s.getValue()).mode(RefreshMode.DIFFERENTIAL));
                trickle.create(CreateRequest.of("bench_" + s.getKey() + "_full", s.getValue()).mode(RefreshMode.FULL));
            }
            Map<String, List<double[]>> timings = new LinkedHashMap<>();
            long nextId = options.rows() + 1;
            for (int cycle = 1; cycle <= options.cycles(); cycle++) {
                nextId = change(c, options.rows(), options.changePct(), cycle, nextId);
                for (String scenario : SCENARIOS.keySet()) {
                    for (String mode : List.of("DIFFERENTIAL", "FULL")) {
                        String st = "bench_" + scenario + (mode.equals("FULL") ? "_full" : "_diff");
                        Instant started = Instant.now();
                        RefreshResult r = trickle.refresh(st, mode.equals("FULL") ? RefreshOptions.FULL : RefreshOptions.DEFAULT);
                        long stRows = count(c, st);
                        csv.write(new BenchmarkCsv.Row(runId, started, scenario, options.rows(), options.changePct(), mode,
                                cycle, r.durationMs(), r.rowsInserted() + r.rowsDeleted(), stRows, 0));
                        timings.computeIfAbsent(scenario + " " + mode, k -> new ArrayList<>())
                                .add(new double[] {cycle, r.durationMs()});
                    }
                }
            }
            Instant idle = Instant.now();
            RefreshResult noData = trickle.refresh("bench_aggregate_diff");
            csv.write(new BenchmarkCsv.Row(runId, idle, "no_change", options.rows(), 0, noData.action().name(), 1,
                    noData.durationMs(), 0, count(c, "bench_aggregate_diff"), 0));
            report(out, options, timings, noData);
            for (String scenario : SCENARIOS.keySet()) {
                trickle.drop("bench_" + scenario + "_diff", false);
                trickle.drop("bench_" + scenario + "_full", false);
            }
        }
    }

    private static void setUp(Connection c, long rows) throws SQLException {
        long customers = Math.max(10, rows / 10);
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_orders, bench_customers");
            st.execute("CREATE TABLE bench_customers (id bigint PRIMARY KEY, region text NOT NULL)");
            st.execute("CREATE TABLE bench_orders (id bigint PRIMARY KEY, cust_id bigint NOT NULL, amount numeric(12,2), status text)");
            st.execute("INSERT INTO bench_customers SELECT i, (ARRAY['eu','us','apac','latam'])[1 + i % 4] FROM generate_series(1, "
                    + customers + ") i");
            st.execute("INSERT INTO bench_orders SELECT i, 1 + (i * 7919) % " + customers
                    + ", (i % 1000) / 10.0, CASE WHEN i % 3 = 0 THEN 'open' ELSE 'done' END FROM generate_series(1, " + rows + ") i");
            st.execute("CREATE INDEX ON bench_orders (cust_id)");
            st.execute("ANALYZE bench_orders");
            st.execute("ANALYZE bench_customers");
        }
    }

    /** Changes changePct % of the rows: 80 % updates, 10 % inserts, 10 % deletes. */
    private static long change(Connection c, long rows, double changePct, int cycle, long nextId) throws SQLException {
        long n = Math.max(1, Math.round(rows * changePct / 100.0));
        long updates = n * 8 / 10;
        long inserts = n / 10;
        long deletes = n - updates - inserts;
        long customers = Math.max(10, rows / 10);
        try (Statement st = c.createStatement()) {
            st.execute("UPDATE bench_orders SET amount = amount + 1, cust_id = CASE WHEN id % 5 = 0 THEN 1 + (cust_id % "
                    + customers + ") ELSE cust_id END WHERE id IN (SELECT id FROM bench_orders ORDER BY hashint8(id + "
                    + cycle + ") LIMIT " + updates + ")");
            st.execute("INSERT INTO bench_orders SELECT i, 1 + (i * 31) % " + customers + ", (i % 500) / 10.0, 'open'"
                    + " FROM generate_series(" + nextId + ", " + (nextId + inserts - 1) + ") i");
            st.execute("DELETE FROM bench_orders WHERE id IN (SELECT id FROM bench_orders ORDER BY hashint8(id - " + cycle
                    + ") LIMIT " + deletes + ")");
        }
        return nextId + inserts;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void report(PrintWriter out, Options o, Map<String, List<double[]>> timings, RefreshResult noData) {
        out.printf(Locale.ROOT, "Core benchmark: %d rows, %.2f %% changed per cycle, %d cycles (median of cycles 2 and later)%n",
                o.rows(), o.changePct(), o.cycles());
        out.printf(Locale.ROOT, "%-10s %14s %14s %8s%n", "scenario", "DIFFERENTIAL", "FULL", "speedup");
        for (String scenario : SCENARIOS.keySet()) {
            double diff = median(timings.get(scenario + " DIFFERENTIAL"));
            double full = median(timings.get(scenario + " FULL"));
            out.printf(Locale.ROOT, "%-10s %11.1f ms %11.1f ms %7.1fx%n", scenario, diff, full, full / diff);
        }
        out.printf(Locale.ROOT, "refresh with nothing to do: %s in %.1f ms%n", noData.action(), noData.durationMs());
        out.printf("CSV: %s%n", o.csv().toAbsolutePath());
    }

    private static double median(List<double[]> samples) {
        List<Double> v = new ArrayList<>();
        for (double[] s : samples) {
            if (s[0] >= 2 || samples.size() == 1) {
                v.add(s[1]);
            }
        }
        v.sort(Double::compare);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
