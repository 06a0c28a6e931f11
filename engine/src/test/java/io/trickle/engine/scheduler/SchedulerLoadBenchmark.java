package io.trickle.engine.scheduler;

import io.trickle.engine.bench.SchedulerLoad;
import io.trickle.engine.bench.Via;
import io.trickle.engine.testing.TestDatabase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code trickle bench scheduler} on the test server, with the scheduler in this JVM (so the engine's
 * heap is reported too): {@code mvn -o -pl sql,engine -Pscheduler-bench test-compile -Dbench.tables=500}.
 * A benchmark, not a test; the measuring is {@link SchedulerLoad}'s, which the command line runs
 * against any database.
 */
public final class SchedulerLoadBenchmark {

    private SchedulerLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tables = Integer.getInteger("bench.tables", 100);
        int seconds = Integer.getInteger("bench.seconds", 30);
        TestDatabase db = TestDatabase.perClass().create("bench_scheduler_" + tables + "_" + System.nanoTime() % 100_000);
        PrintWriter out = new PrintWriter(System.out, true);
        try {
            SchedulerLoad.Report report = SchedulerLoad.run(db.jdbcUrl(), new SchedulerLoad.Options(tables, seconds, Via.API,
                    Path.of("target/bench/scheduler.csv"), "trickle_bench_scheduler", List.of()), out);
            out.print(SchedulerLoad.render(report));
            out.flush();
        } finally {
            db.drop();
        }
        System.exit(0);
    }
}
