package io.trickle.engine.bench;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One differential refresh per operator, in-process and warm: a stream table over a source of
 * {@code rows} rows whose {@code changePct} % are updated before each refresh (the update is set up
 * outside the measured time). Every stream table is compared with its query at the end of a trial.
 * A developer's benchmark, not a test: {@code mvn -o -pl sql,engine -Pjmh test-compile
 * -Djmh.args='OperatorRefreshBenchmark -p operator=aggregate,window'} (see the engine's pom).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OperatorRefreshBenchmark {

    private static final Map<String, String> QUERIES = Map.ofEntries(
            Map.entry("filter", "SELECT id, val FROM src WHERE flag"),
            Map.entry("project", "SELECT id, val * 2 AS doubled, upper(note) AS shout FROM src"),
            Map.entry("inner_join", "SELECT s.id, d.label, s.val FROM src s JOIN dim d ON d.id = s.grp"),
            Map.entry("left_join", "SELECT d.id, d.label, s.id AS src_id FROM dim d LEFT JOIN src s ON s.grp = d.id AND s.flag"),
            Map.entry("aggregate", "SELECT grp, count(*) AS n, sum(val) AS total FROM src GROUP BY grp"),
            Map.entry("min_max", "SELECT grp, min(val) AS low, max(val) AS high FROM src GROUP BY grp"),
            Map.entry("distinct", "SELECT DISTINCT grp, flag FROM src"),
            Map.entry("window", "SELECT id, grp, row_number() OVER (PARTITION BY grp ORDER BY val, id) AS rn FROM src"),
            Map.entry("semi_join", "SELECT d.id, d.label FROM dim d WHERE EXISTS (SELECT 1 FROM src s WHERE s.grp = d.id AND s.flag)"),
            Map.entry("anti_join", "SELECT d.id, d.label FROM dim d WHERE NOT EXISTS (SELECT 1 FROM src s WHERE s.grp = d.id AND s.flag)"),
            Map.entry("union_all", "SELECT id, val FROM src WHERE flag UNION ALL SELECT id, val FROM src WHERE val > 500"),
            Map.entry("topk", "SELECT id, val FROM src ORDER BY val DESC, id LIMIT 10"));

    @Param({"filter", "project", "inner_join", "left_join", "aggregate", "min_max", "distinct", "window", "semi_join",
        "anti_join", "union_all", "topk"})
    public String operator;

    @Param({"10000"})
    public int rows;

    @Param({"1"})
    public double changePct;

    private TestDatabase db;
    private Trickle trickle;
    private Connection c;
    private PreparedStatement change;
    private final SplittableRandom random = new SplittableRandom(14);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Quiet.engineLogs();
        db = TestDatabase.perClass().create("jmh_op_" + operator + "_" + ProcessHandle.current().pid());
        int groups = Math.max(10, rows / 20);
        db.execute("CREATE TABLE dim (id int PRIMARY KEY, label text NOT NULL)",
                "INSERT INTO dim SELECT g, 'group ' || g FROM generate_series(1, " + groups + ") g",
                "CREATE TABLE src (id bigint PRIMARY KEY, grp int NOT NULL, val numeric(10,2), flag boolean, note text)",
                "INSERT INTO src SELECT i, 1 + i % " + groups + ", (i * 37) % 1000, i % 3 = 0, 'row ' || i"
                        + " FROM generate_series(1::bigint, " + rows + "::bigint) i",
                "CREATE INDEX ON src (grp)", "ANALYZE src", "ANALYZE dim");
        trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(2));
        trickle.install();
        trickle.create("st", QUERIES.get(operator), "24h", "DIFFERENTIAL", true);
        c = db.connect();
        change = c.prepareStatement("UPDATE src SET val = mod(val * 7 + 3, 1000), flag = NOT flag,"
                + " grp = CASE WHEN id % 5 = 0 THEN 1 + grp % " + groups + " ELSE grp END WHERE id = ANY (?)");
    }

    /** The change the next refresh consumes: {@code changePct} % of the rows updated, outside the measured time. */
    @Setup(Level.Invocation)
    public void changeRows() throws SQLException {
        int n = (int) Math.max(1, Math.round(rows * changePct / 100.0));
        Long[] ids = new Long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 1L + random.nextInt(rows);
        }
        change.setArray(1, c.createArrayOf("bigint", ids));
        change.executeUpdate();
    }

    @Benchmark
    public RefreshResult refresh() {
        return trickle.refresh("st", false);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            trickle.refresh("st", false);
            ResultOracle.Verdict v = ResultOracle.check(c, "public.st", QUERIES.get(operator));
            if (!v.matches()) {
                throw new IllegalStateException(v.describe("st", QUERIES.get(operator)));
            }
        } finally {
            change.close();
            c.close();
            trickle.close();
            db.drop();
        }
    }
}
