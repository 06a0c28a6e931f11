package io.trickle.engine.scheduler;

import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.SchedulerOptions;
import io.trickle.engine.api.SchedulerRole;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.testing.TestDatabase;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * How many stream tables with a 1 s schedule one engine keeps fresh (a benchmark, not a test: run it
 * on demand with {@code mvn -o -pl sql,engine -Pscheduler-bench test-compile -Dbench.tables=500}).
 *
 * <p>N small sources (20 rows each) and one stream table per source, {@code 1s} schedule, default
 * settings. Phases of {@code bench.seconds} each: <em>quiet</em> (nothing changes), then a writer
 * changing one row in 10 % of the sources every second, then in every source every second (so every
 * table needs a real differential refresh every second). Each second it samples the staleness of every table from the
 * catalog ({@code now() - last_refresh_at}, the database clock) and reports the median, p95 and
 * maximum, how many tables were over 2 s (stale by DESIGN's alert rule), the refreshes written to
 * the history, and the engine's heap after a full GC (this JVM holds only the engine and the
 * benchmark's small writer).
 */
public final class SchedulerLoadBenchmark {

    private SchedulerLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tables = Integer.getInteger("bench.tables", 100);
        int seconds = Integer.getInteger("bench.seconds", 30);
        TestDatabase db = TestDatabase.perClass().create("bench_scheduler_" + tables + "_" + System.nanoTime() % 100_000);
        try (Trickle engine = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(8))) {
            engine.install();
            long t0 = System.nanoTime();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                for (int i = 0; i < tables; i++) {
                    st.execute("CREATE TABLE src_" + i + " (id int PRIMARY KEY, v int NOT NULL)");
                    st.execute("INSERT INTO src_" + i + " SELECT g, g FROM generate_series(1, 20) g");
                }
            }
            for (int i = 0; i < tables; i++) {
                engine.create(CreateRequest.of("st_" + i, "SELECT id, v FROM public.src_" + i + " WHERE v > 2").schedule("1s"));
            }
            System.out.printf(Locale.ROOT, "created %d stream tables in %.1f s%n", tables, (System.nanoTime() - t0) / 1e9);
            try (SchedulerHandle scheduler = engine.runScheduler(SchedulerOptions.defaults())) {
                while (scheduler.role() != SchedulerRole.LEADER) {
                    LockSupport.parkNanos(50_000_000L);
                }
                measure("warm-up", db, seconds / 3, tables, 0);
                measure("quiet", db, seconds, tables, 0);
                heap();
                measure("10%/s", db, seconds, tables, Math.max(1, tables / 10));
                measure("100%/s", db, seconds, tables, tables);
                heap();
            }
        } finally {
            db.drop();
        }
        System.exit(0);
    }

    /** Samples staleness for {@code seconds} while {@code changedPerSecond} sources (round robin) change each second. */
    private static void measure(String phase, TestDatabase db, int seconds, int tables, int changedPerSecond)
            throws Exception {
        long historyBefore = db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history");
        List<Double> samples = new ArrayList<>();
        int staleSamples = 0;
        Random random = new Random(1);
        long writes = 0;
        long next = 0;
        try (Connection c = db.connect();
             PreparedStatement stale = c.prepareStatement(
                     "SELECT extract(epoch FROM now() - last_refresh_at)::float8 FROM pgtrickle.pgt_stream_tables")) {
            long start = System.nanoTime();
            for (int s = 0; s < seconds; s++) {
                long secondEnd = start + (s + 1) * 1_000_000_000L;
                if (changedPerSecond > 0) {
                    try (Statement st = c.createStatement()) {
                        StringBuilder batch = new StringBuilder();
                        for (int i = 0; i < changedPerSecond; i++) {
                            batch.append("UPDATE src_").append((next++) % tables).append(" SET v = v + 1 WHERE id = ")
                                    .append(1 + random.nextInt(20)).append(";");
                        }
                        st.execute(batch.toString());
                        writes += changedPerSecond;
                    }
                }
                try (ResultSet rs = stale.executeQuery()) {
                    while (rs.next()) {
                        double v = rs.getDouble(1);
                        samples.add(v);
                        if (v > 2.0) {
                            staleSamples++;
                        }
                    }
                }
                long wait = secondEnd - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        Collections.sort(samples);
        long history = db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history") - historyBefore;
        long failed = db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE status = 'FAILED'");
        System.out.printf(Locale.ROOT, "%-8s staleness median %.2f s, p95 %.2f s, max %.2f s; samples over 2 s: %d of %d;"
                        + " history rows %d (%.0f/s), failed %d, source writes %d%n",
                phase, pct(samples, 0.5), pct(samples, 0.95), samples.get(samples.size() - 1), staleSamples, samples.size(),
                history, history / (double) seconds, failed, writes);
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    private static void heap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.out.printf(Locale.ROOT, "heap after GC: %.1f MiB used of %.1f MiB committed (max %.0f MiB)%n",
                memory.getHeapMemoryUsage().getUsed() / 1048576.0, memory.getHeapMemoryUsage().getCommitted() / 1048576.0,
                memory.getHeapMemoryUsage().getMax() / 1048576.0);
    }
}
