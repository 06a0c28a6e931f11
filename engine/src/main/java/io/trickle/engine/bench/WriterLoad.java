package io.trickle.engine.bench;

import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.db.PgQuote;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Concurrent writers (issue 14, point 4): N connections each run one-row transactions (the suite's DML
 * mix: an update, a delete or an insert of one order) for a set time, against the copy without
 * maintenance, against pg_ivm's copy with an IMMV per scenario, and against Trickle's copy while its
 * daemon (started for that phase only) keeps a stream table per scenario fresh on a 1 s schedule. Reports each transaction's
 * latency (p50, p95, p99), the write throughput, the daemon's refreshes per second and the staleness
 * of the stream tables sampled four times a second. When the writers stop, every stream table is
 * refreshed once more by the daemon and checked by the oracle.
 */
final class WriterLoad {

    private static final Duration CATCH_UP = Duration.ofMinutes(10);
    /** Seconds since each writers' stream table was last refreshed (DESIGN §2: staleness), by the database clock. */
    private static final String STALENESS = "SELECT extract(epoch FROM clock_timestamp() - last_refresh_at)::float8"
            + " FROM pgtrickle.pgt_stream_tables WHERE pgt_schema = ? AND pgt_name LIKE 'w\\_%'";

    private final Connection c;
    private final String jdbcUrl;
    private final Trickle trickle;
    private final PgIvm ivm;
    private final TrickleLauncher launcher;
    private final String schema;
    private final SuiteOptions options;
    private final CaseCycles.Recorder recorder;
    private final Progress progress;

    WriterLoad(Connection c, String jdbcUrl, Trickle trickle, PgIvm ivm, TrickleLauncher launcher, String schema, SuiteOptions options,
               CaseCycles.Recorder recorder, Progress progress) {
        this.c = c;
        this.jdbcUrl = jdbcUrl;
        this.trickle = trickle;
        this.ivm = ivm;
        this.launcher = launcher;
        this.schema = schema;
        this.options = options;
        this.recorder = recorder;
        this.progress = progress;
    }

    void run(long rows, LiveIds live) throws SQLException, IOException {
        // Writers alone (--scenarios none) keep the headline's stream tables fresh.
        List<Scenario> scenarios = options.scenarios().isEmpty() ? Scenario.HEADLINE : options.scenarios();
        List<String> streamTables = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        List<String> immvs = new ArrayList<>();
        for (Scenario s : scenarios) {
            String st = QualifiedName.of(schema, "w_" + s.csvName()).toString();
            trickle.create(st, s.query(Copy.TRICKLE.in(schema)), "1s", "DIFFERENTIAL", true);
            streamTables.add(st);
            queries.add(s.query(Copy.TRICKLE.in(schema)));
            String immv = PgQuote.qualified(schema, "w_immv_" + s.csvName());
            Optional<String> refused = ivm.create(c, immv, s.query(Copy.IVM.in(schema)));
            if (refused.isEmpty()) {
                immvs.add(immv);
            }
        }
        Map<Copy, IdPool> pools = new EnumMap<>(Copy.class);
        for (Copy copy : Copy.values()) {
            pools.put(copy, new IdPool(live.snapshot(), live.nextId()));
        }
        long customers = OrdersData.customersFor(rows);
        try {
            for (int n : options.writers()) {
                for (Copy copy : List.of(Copy.PLAIN, Copy.IVM, Copy.TRICKLE)) {
                    if (copy == Copy.IVM && immvs.isEmpty()) {
                        continue;
                    }
                    if (copy == Copy.TRICKLE) {
                        // The daemon runs only while Trickle's copy is written, so it costs the other phases nothing.
                        try (DaemonRefresher daemon = DaemonRefresher.start(launcher, c,
                                CoreSuite.sibling(options.csv(), "-daemon.log"))) {
                            awaitFresh();
                            phase(rows, n, copy, pools.get(copy), customers, streamTables, queries);
                        }
                    } else {
                        phase(rows, n, copy, pools.get(copy), customers, streamTables, queries);
                    }
                }
            }
        } finally {
            for (String st : streamTables) {
                trickle.drop(st, false);
            }
            try (Statement st = c.createStatement()) {
                for (String immv : immvs) {
                    st.execute("DROP TABLE IF EXISTS " + immv);
                }
            }
        }
    }

    private void phase(long rows, int n, Copy copy, IdPool pool, long customers, List<String> streamTables,
                       List<String> queries) throws SQLException, IOException {
        Sources target = copy.in(schema);
        RefreshHistory history = new RefreshHistory(c);
        long mark = history.mark();
        Duration length = options.writerDuration();
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Writer>> futures = new ArrayList<>();
        Instant started = Instant.now();
        for (int k = 0; k < n; k++) {
            Writer w = new Writer(jdbcUrl, target, pool, customers, new SplittableRandom(options.seed() * 31 + k), options.mix());
            futures.add(threads.submit(() -> {
                go.await();
                w.runFor(length);
                return w;
            }));
        }
        List<Double> staleness = new ArrayList<>();
        long begin = System.nanoTime();
        go.countDown();
        long end = begin + length.toNanos();
        try (PreparedStatement ps = c.prepareStatement(STALENESS)) {
            ps.setString(1, schema);
            while (System.nanoTime() < end) {
                if (copy == Copy.TRICKLE) {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            staleness.add(rs.getDouble(1));
                        }
                    }
                }
                LockSupport.parkNanos(Math.min(250_000_000L, Math.max(1, end - System.nanoTime())));
            }
        }
        List<Writer> writers = new ArrayList<>();
        try {
            for (Future<Writer> f : futures) {
                writers.add(f.get());
            }
        } catch (Exception e) {
            throw new ActionFailedException("a writer failed: " + e.getMessage(), e);
        } finally {
            threads.shutdownNow();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        long[] latencies = writers.stream().flatMapToLong(w -> Arrays.stream(w.latencies())).toArray();
        long errors = writers.stream().mapToLong(Writer::errors).sum();
        String firstError = writers.stream().map(Writer::firstError).filter(e -> e != null).findFirst().orElse(null);
        double[] ms = Arrays.stream(latencies).mapToDouble(l -> l / 1e6).toArray();
        Baseline baseline = switch (copy) {
            case PLAIN -> Baseline.PLAIN;
            case IVM -> Baseline.PG_IVM;
            case TRICKLE -> Baseline.TRICKLE;
        };
        SuiteRow row = SuiteRow.of(SuiteSummary.WRITERS, rows, 0, baseline, Via.DAEMON, 1).startedAt(started).writers(n)
                .latency(Stats.percentile(ms, 0.5), Stats.percentile(ms, 0.95), Stats.percentile(ms, 0.99))
                .rowsChanged(latencies.length).write(Double.NaN, latencies.length)
                .note(errors == 0 ? "" : errors + " writes failed, first: " + firstError);
        if (copy == Copy.TRICKLE) {
            List<Double> durations = refreshDurations(mark);
            row.throughput(latencies.length / seconds, durations.size() / seconds)
                    .staleness(Stats.percentile(staleness, 0.5), Stats.percentile(staleness, 0.95),
                            staleness.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN))
                    .refresh(Stats.median(durations), Double.NaN).action("DIFFERENTIAL");
            row.oracle(catchUpAndCheck(history, streamTables, queries));
        } else {
            row.throughput(latencies.length / seconds, Double.NaN);
        }
        recorder.record(row);
        progress.say("writers · %s · %d writers · %s: %.0f writes/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%s%s",
                Progress.rows(rows), n, baseline.csvName(), latencies.length / seconds, row.latencyP50Ms,
                row.latencyP95Ms, row.latencyP99Ms,
                copy == Copy.TRICKLE ? String.format(Locale.ROOT, "; staleness p95 %.2f s, %.1f refreshes/s",
                        row.stalenessP95S, row.refreshesPerS) : "",
                errors == 0 ? "" : "; " + errors + " writes failed");
    }

    /** Waits until the daemon has caught up with every stream table (none staler than 2 s), so the phase starts even. */
    private void awaitFresh() throws SQLException {
        Instant deadline = Instant.now().plus(CATCH_UP);
        while (true) {
            try (PreparedStatement ps = c.prepareStatement(STALENESS)) {
                ps.setString(1, schema);
                double worst = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        worst = Math.max(worst, rs.getDouble(1));
                    }
                }
                if (worst < 2.0) {
                    return;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ActionFailedException("the daemon did not catch up with the writers' stream tables within "
                        + CATCH_UP.toMinutes() + " minutes");
            }
            LockSupport.parkNanos(200_000_000L);
        }
    }

    private List<Double> refreshDurations(long mark) throws SQLException {
        List<Double> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT duration_ms FROM pgtrickle.pgt_refresh_history"
                + " WHERE pgt_schema = ? AND refresh_id > ? AND status = 'COMPLETED' AND action <> 'NO_DATA'")) {
            ps.setString(1, schema);
            ps.setLong(2, mark);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getDouble(1));
                }
            }
        }
        return out;
    }

    /**
     * Asks the daemon for a refresh of every stream table now that the writers have stopped (asked for,
     * a table is refreshed even with nothing to do, and recorded), waits for them, then checks each.
     */
    private String catchUpAndCheck(RefreshHistory history, List<String> streamTables, List<String> queries)
            throws SQLException {
        // Two rounds: the first refresh recorded after the mark may have begun while the writers still
        // wrote (its snapshot older than their last commits). One table's refreshes never overlap, so the
        // next one recorded after a second mark began after that first one ended, when the writers had stopped.
        for (int round = 0; round < 2; round++) {
            long mark = history.mark();
            try (PreparedStatement ps = c.prepareStatement("SELECT pgtrickle.request_refresh(?)")) {
                for (String st : streamTables) {
                    ps.setString(1, st);
                    ps.executeQuery().close();
                }
            }
            for (String st : streamTables) {
                history.awaitAny(st, mark, CATCH_UP);
            }
        }
        for (int i = 0; i < streamTables.size(); i++) {
            String st = streamTables.get(i);
            QualifiedName qn = QualifiedName.parse(st);
            ResultOracle.Verdict v = ResultOracle.check(c, PgQuote.qualified(qn.schema(), qn.name()), queries.get(i));
            if (!v.matches()) {
                throw new ActionFailedException("oracle check failed after the writers: " + v.describe(st, queries.get(i)));
            }
        }
        return "ok";
    }

    /** The ids of one copy's orders, shared by its writers. */
    static final class IdPool {
        private long[] ids;
        private int size;
        private long nextId;

        IdPool(long[] ids, long nextId) {
            this.ids = ids;
            this.size = ids.length;
            this.nextId = nextId;
        }

        synchronized long any(SplittableRandom r) {
            return size == 0 ? -1 : ids[r.nextInt(size)];
        }

        synchronized long removeAny(SplittableRandom r) {
            if (size == 0) {
                return -1;
            }
            int i = r.nextInt(size);
            long id = ids[i];
            ids[i] = ids[--size];
            return id;
        }

        synchronized long add() {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, ids.length * 3 / 2 + 16);
            }
            ids[size++] = nextId;
            return nextId++;
        }
    }

    /** One writer connection: one-row transactions until its time is up. */
    private static final class Writer {
        private final String url;
        private final Sources target;
        private final IdPool pool;
        private final long customers;
        private final SplittableRandom random;
        private final DmlMix mix;
        private long[] latencies = new long[1024];
        private int count;
        private long errors;
        private final AtomicReference<String> firstError = new AtomicReference<>();

        Writer(String url, Sources target, IdPool pool, long customers, SplittableRandom random, DmlMix mix) {
            this.url = url;
            this.target = target;
            this.pool = pool;
            this.customers = customers;
            this.random = random;
            this.mix = mix;
        }

        void runFor(Duration length) throws SQLException {
            long end = System.nanoTime() + length.toNanos();
            try (Connection w = DriverManager.getConnection(url)) {
                while (System.nanoTime() < end) {
                    int dice = random.nextInt(100);
                    long start = System.nanoTime();
                    try {
                        if (dice < mix.updatePct()) {
                            OrdersData.updateOrders(w, target, new long[] {pool.any(random)}, customers);
                        } else if (dice < mix.updatePct() + mix.deletePct()) {
                            OrdersData.deleteOrders(w, target, new long[] {pool.removeAny(random)});
                        } else {
                            OrdersData.insertOrders(w, target, pool.add(), 1, customers);
                        }
                    } catch (SQLException e) {
                        errors++;
                        firstError.compareAndSet(null, e.getMessage());
                        continue;
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = System.nanoTime() - start;
                }
            }
        }

        long[] latencies() {
            return Arrays.copyOf(latencies, count);
        }

        long errors() {
            return errors;
        }

        String firstError() {
            return firstError.get();
        }
    }
}
