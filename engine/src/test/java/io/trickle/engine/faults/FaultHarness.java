package io.trickle.engine.faults;

import io.trickle.engine.oracle.Oracle;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The fault harness of issue 18 (a tool, not a test: it runs outside {@code mvn verify}):
 *
 * <pre>
 * mvn -o -pl sql,engine -Pfault-harness test-compile -Dfault.kills=100 -Dfault.restarts=5
 * </pre>
 *
 * <p>It starts a PostgreSQL of its own (embedded, on a data directory under
 * {@code engine/target/fault-harness}, so that it can be restarted), installs the catalog, creates
 * stream tables of several shapes (an aggregate, a filter, a join, DISTINCT, a stream table over a
 * stream table), and runs two {@code trickle run} daemons (a leader and a follower) while writers
 * change the sources. Meanwhile, in a seeded random order with random pauses: {@code kill -9} of a
 * daemon (restarted at once), PostgreSQL restarts (half of them a {@code kill -9} of the postmaster,
 * half a fast shutdown), and dropped connections ({@code pg_terminate_backend} of an engine session).
 * Then the writers stop, and every stream table must catch up with its query (the oracle).
 *
 * <p>It reports: changes lost or applied twice (rows missing from or extra in each stream table), the
 * tables that drifted, the writers' transactions and failed writes (those that failed while the server
 * was up count against capture), refreshes recorded FAILED for another reason than an interruption,
 * tables suspended or in ERROR, and the recovery times: from a daemon's kill to the next leader, from a
 * server restart to the next leader, to the stream tables' catching up at the end.
 */
public final class FaultHarness {

    private static final Duration CATCH_UP = Duration.ofSeconds(180);
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("ledger_totals", "SELECT grp, count(*) AS cnt, sum(v) AS total FROM public.ledger GROUP BY grp");
        TABLES.put("ledger_positive", "SELECT id, v, grp FROM public.ledger WHERE v > 10");
        TABLES.put("ledger_rich", "SELECT grp, total FROM public.ledger_totals WHERE total > 100");
        TABLES.put("ledger_named", "SELECT l.id, l.v, a.name FROM public.ledger l JOIN public.accounts a ON a.grp = l.grp");
        TABLES.put("ledger_buckets", "SELECT DISTINCT grp, v % 3 AS bucket FROM public.ledger");
    }

    private final Path home;
    private final int port;
    private final Random random;
    private EmbeddedPostgres server;
    private final List<Process> daemons = new ArrayList<>();
    private final List<Writer> writers = new ArrayList<>();
    private final List<Double> takeoverSeconds = new ArrayList<>();
    private final List<Double> restartSeconds = new ArrayList<>();
    private volatile boolean serverUp;
    private int followerKills;
    private int respawns;

    private FaultHarness(Path home, int port, long seed) {
        this.home = home;
        this.port = port;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        int kills = Integer.getInteger("fault.kills", 100);
        int restarts = Integer.getInteger("fault.restarts", 5);
        int drops = Integer.getInteger("fault.drops", 20);
        int writerCount = Integer.getInteger("fault.writers", 4);
        long seed = Long.getLong("fault.seed", 18L);
        Path home = Path.of(System.getProperty("fault.home", "target/fault-harness")).toAbsolutePath();
        FaultHarness harness = new FaultHarness(home, freePort(), seed);
        String report = harness.run(kills, restarts, drops, writerCount);
        System.out.println(report);
        Files.writeString(home.resolve("report.txt"), report);
        System.exit(report.contains("RESULT: PASS") ? 0 : 1);
    }

    private String run(int kills, int restarts, int drops, int writerCount) throws Exception {
        deleteRecursively(home);
        Files.createDirectories(home);
        startServer();
        long began = System.nanoTime();
        try {
            setUp();
            for (int i = 0; i < 2; i++) {
                daemons.add(startDaemon(i));
            }
            awaitLeader(null, Duration.ofSeconds(60));
            for (int i = 0; i < writerCount; i++) {
                writers.add(new Writer(url("faults"), i, writerCount, random.nextLong(), this));
            }
            List<Character> faults = new ArrayList<>();
            for (int i = 0; i < kills; i++) {
                faults.add('k');
            }
            for (int i = 0; i < restarts; i++) {
                faults.add('r');
            }
            for (int i = 0; i < drops; i++) {
                faults.add('d');
            }
            Collections.shuffle(faults, random);
            int restartNumber = 0;
            int done = 0;
            for (char fault : faults) {
                pause(200 + random.nextInt(1300));
                respawnExitedDaemons();
                switch (fault) {
                    case 'k' -> killADaemon();
                    case 'r' -> restartServer(restartNumber++ % 2 == 0);
                    default -> dropAConnection();
                }
                if (++done % 10 == 0) {
                    System.err.printf(Locale.ROOT, "%d of %d faults, %d writes committed%n", done, faults.size(),
                            writers.stream().mapToLong(w -> w.committed.get()).sum());
                }
            }
            pause(2000);
            for (Writer w : writers) {
                w.stop();
            }
            long quiet = System.nanoTime();
            Map<String, int[]> drift = catchUp();
            double catchUpSeconds = (System.nanoTime() - quiet) / 1e9;
            return report(kills, restarts, drops, drift, catchUpSeconds, (System.nanoTime() - began) / 1e9);
        } finally {
            for (Writer w : writers) {
                w.stop();
            }
            for (Process d : daemons) {
                d.destroy();
                if (!d.waitFor(15, TimeUnit.SECONDS)) {
                    d.destroyForcibly();
                }
            }
            server.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The world
    // ---------------------------------------------------------------------------------------------

    private void startServer() throws IOException {
        server = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(home.resolve("pgdata"))
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "off")
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()))
                .start();
        serverUp = true;
    }

    private String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    private void setUp() throws Exception {
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE faults");
        }
        try (Connection c = DriverManager.getConnection(url("faults")); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE ledger (id int PRIMARY KEY, v int NOT NULL, grp int NOT NULL)");
            st.execute("INSERT INTO ledger SELECT g, g % 17, g % 5 FROM generate_series(1, 500) g");
            st.execute("CREATE TABLE accounts (grp int PRIMARY KEY, name text NOT NULL)");
            st.execute("INSERT INTO accounts SELECT g, 'account ' || g FROM generate_series(0, 4) g");
        }
        cli("install");
        cli("config", "set", "scheduler_interval_ms", "200");
        for (Map.Entry<String, String> t : TABLES.entrySet()) {
            String schedule = t.getKey().equals("ledger_totals") ? "calculated" : "1s";
            cli("create", t.getKey(), "--query", t.getValue(), "--schedule", schedule);
        }
    }

    private void cli(String... args) throws Exception {
        List<String> command = javaCommand();
        command.addAll(List.of(args));
        command.add("--url");
        command.add(url("faults"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("cli.log").toFile())).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("trickle " + String.join(" ", args) + " failed; see " + home.resolve("cli.log"));
        }
    }

    private List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.trickle.engine.cli.Main");
        return command;
    }

    private Process startDaemon(int n) throws IOException {
        List<String> command = javaCommand();
        command.addAll(List.of("run", "--url", url("faults")));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("daemon-" + n + ".log").toFile())).start();
    }

    // ---------------------------------------------------------------------------------------------
    // Faults
    // ---------------------------------------------------------------------------------------------

    /** A daemon started while the server was down exits (it cannot check the database): start it again. */
    private void respawnExitedDaemons() throws IOException {
        for (int i = 0; i < daemons.size(); i++) {
            if (!daemons.get(i).isAlive()) {
                daemons.set(i, startDaemon(i));
                respawns++;
            }
        }
    }

    /**
     * {@code kill -9} of a daemon, restarted at once; when it led, how long until another leads. The
     * kill waits until both daemons are up (each has its two scheduler sessions), so that a takeover
     * measures the follower, not a JVM starting.
     */
    private void killADaemon() throws Exception {
        long ready = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (schedulerSessions() < 2L * daemons.size() && System.nanoTime() < ready) {
            respawnExitedDaemons();
            LockSupport.parkNanos(50_000_000L);
        }
        Integer leaderBefore = leaderPid();
        int victim = random.nextInt(daemons.size());
        long killedAt = System.nanoTime();
        daemons.get(victim).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        daemons.set(victim, startDaemon(victim));
        if (leaderBefore == null) {
            return;
        }
        // The kernel closes a killed process's sockets at once: when the victim led, its leader
        // session (backend leaderBefore) ends within moments; a follower's kill leaves it leading.
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline && leaderBefore.equals(leaderPid())) {
            LockSupport.parkNanos(20_000_000L);
        }
        if (leaderBefore.equals(leaderPid())) {
            followerKills++;
            return;
        }
        awaitLeader(leaderBefore, Duration.ofSeconds(60));
        takeoverSeconds.add((System.nanoTime() - killedAt) / 1e9);
    }

    /** Half by {@code kill -9} of the postmaster (crash recovery), half by a fast shutdown. */
    private void restartServer(boolean crash) throws Exception {
        serverUp = false;
        if (crash) {
            // As a machine crash would: the postmaster and all its children at once.
            long postmaster = Long.parseLong(Files.readAllLines(home.resolve("pgdata").resolve("postmaster.pid")).get(0).trim());
            List<ProcessHandle> all = new ArrayList<>();
            ProcessHandle.of(postmaster).ifPresent(pm -> {
                all.add(pm);
                all.addAll(pm.descendants().toList());
            });
            all.forEach(ProcessHandle::destroyForcibly);
            all.forEach(p -> awaitGone(p.pid()));
        }
        // After a crash this only releases zonky's lock on the data directory.
        server.close();
        pause(500);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                startServer();
                break;
            } catch (IOException | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                pause(500);
            }
        }
        long up = System.nanoTime();
        awaitLeader(null, Duration.ofSeconds(120));
        restartSeconds.add((System.nanoTime() - up) / 1e9);
    }

    private static void awaitGone(long pid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000L);
        }
    }

    /** {@code pg_terminate_backend} of one of the engines' sessions, at random. */
    private void dropAConnection() {
        try (Connection c = DriverManager.getConnection(url("faults")); Statement st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM (SELECT pid FROM pg_stat_activity WHERE datname = 'faults'"
                    + " AND application_name LIKE 'trickle%' AND pid <> pg_backend_pid() ORDER BY random() LIMIT 1) s");
        } catch (SQLException e) {
            System.err.println("could not drop a connection: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Observations
    // ---------------------------------------------------------------------------------------------

    private long schedulerSessions() {
        try (Connection c = DriverManager.getConnection(url("faults")); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = 'faults'"
                     + " AND application_name LIKE '%scheduler'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    private Integer leaderPid() {
        try (Connection c = DriverManager.getConnection(url("faults")); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pgtrickle.scheduler_leader_pid()")) {
            rs.next();
            int pid = rs.getInt(1);
            return rs.wasNull() ? null : pid;
        } catch (SQLException e) {
            return null;
        }
    }

    /** Waits until a session other than {@code not} leads. */
    private void awaitLeader(Integer not, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Integer pid = leaderPid();
            if (pid != null && !pid.equals(not)) {
                return;
            }
            LockSupport.parkNanos(20_000_000L);
        }
        throw new IllegalStateException("no engine leads after " + timeout.toSeconds() + " s");
    }

    /** Waits for every stream table to equal its query; returns {missing, extra} of those that never did. */
    private Map<String, int[]> catchUp() throws SQLException {
        Map<String, int[]> drift = new LinkedHashMap<>();
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        for (Map.Entry<String, String> t : TABLES.entrySet()) {
            int[] diff;
            do {
                diff = diff(t.getKey(), t.getValue());
                if (diff[0] == 0 && diff[1] == 0) {
                    break;
                }
                LockSupport.parkNanos(200_000_000L);
            } while (System.nanoTime() < deadline);
            if (diff[0] != 0 || diff[1] != 0) {
                drift.put(t.getKey(), diff);
            }
        }
        return drift;
    }

    private int[] diff(String table, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("faults"))) {
            try {
                Oracle.assertMatches(c, "public", table, query);
                return new int[] {0, 0};
            } catch (AssertionError e) {
                String cols = "SELECT * FROM (" + query + ") q";
                String st = "SELECT " + String.join(", ", columns(c, table)) + " FROM public." + table;
                return new int[] {count(c, "(" + cols + ") EXCEPT ALL (" + st + ")"), count(c, "(" + st + ") EXCEPT ALL (" + cols + ")")};
            }
        }
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass"
                + " AND attnum > 0 AND NOT attisdropped AND attname NOT LIKE '\\_\\_pgt\\_%' ORDER BY attnum")) {
            ps.setString(1, "public." + table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + sql + ") x")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private String report(int kills, int restarts, int drops, Map<String, int[]> drift, double catchUpSeconds,
                          double totalSeconds) throws SQLException {
        long committed = writers.stream().mapToLong(w -> w.committed.get()).sum();
        long failedDown = writers.stream().mapToLong(w -> w.failedWhileDown.get()).sum();
        long failedUp = writers.stream().mapToLong(w -> w.failedWhileUp.get()).sum();
        List<String> unexpected;
        long interrupted;
        List<String> badStates;
        long running;
        try (Connection c = DriverManager.getConnection(url("faults")); Statement st = c.createStatement()) {
            unexpected = strings(st, "SELECT pgt_name || ': ' || error_message FROM pgtrickle.pgt_refresh_history"
                    + " WHERE status = 'FAILED' AND error_message NOT LIKE 'interrupted%' ORDER BY refresh_id LIMIT 10");
            interrupted = Long.parseLong(strings(st, "SELECT count(*) FROM pgtrickle.pgt_refresh_history"
                    + " WHERE status = 'FAILED' AND error_message LIKE 'interrupted%'").get(0));
            badStates = strings(st, "SELECT pgt_name || ' ' || status FROM pgtrickle.pgt_stream_tables"
                    + " WHERE status NOT IN ('ACTIVE') OR consecutive_errors > 0");
            running = Long.parseLong(strings(st, "SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE status = 'RUNNING'").get(0));
        }
        int lost = drift.values().stream().mapToInt(d -> d[0]).sum();
        int duplicated = drift.values().stream().mapToInt(d -> d[1]).sum();
        boolean pass = drift.isEmpty() && failedUp == 0 && unexpected.isEmpty() && badStates.isEmpty();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Trickle fault harness: %d kill -9 of a daemon (%d of the leader, %d of the"
                        + " follower), %d PostgreSQL restarts (%d by kill -9 of the postmaster), %d dropped connections,"
                        + " %d writers, %.0f s%n", kills, takeoverSeconds.size(), followerKills, restarts, (restarts + 1) / 2,
                drops, writers.size(), totalSeconds));
        out.append(String.format(Locale.ROOT, "daemons started again after exiting at start (server down): %d%n",
                respawns));
        out.append(String.format(Locale.ROOT, "writes: %d transactions committed; failed while the server was down or"
                + " restarting: %d; failed while it was up: %d%n", committed, failedDown, failedUp));
        out.append(String.format(Locale.ROOT, "stream tables: %d, drifted after %.0f s of catching up: %d %s%n",
                TABLES.size(), CATCH_UP.toSeconds() * 1.0, drift.size(), drift.isEmpty() ? "" : describe(drift)));
        out.append(String.format(Locale.ROOT, "changes lost (rows missing): %d; applied twice (rows extra): %d%n", lost,
                duplicated));
        out.append(String.format(Locale.ROOT, "catch-up after the writers stopped: %.1f s%n", catchUpSeconds));
        out.append("leader takeover after kill -9 of the leader: ").append(stats(takeoverSeconds)).append('\n');
        out.append("new leader after a PostgreSQL restart: ").append(stats(restartSeconds)).append('\n');
        out.append(String.format(Locale.ROOT, "refreshes recorded as interrupted: %d; FAILED for another reason: %d %s%n",
                interrupted, unexpected.size(), unexpected.isEmpty() ? "" : unexpected));
        out.append(String.format(Locale.ROOT, "history rows left RUNNING: %d; tables not ACTIVE or with errors: %s%n",
                running, badStates));
        out.append("RESULT: ").append(pass ? "PASS" : "FAIL").append('\n');
        return out.toString();
    }

    private static String describe(Map<String, int[]> drift) {
        StringBuilder b = new StringBuilder("(");
        drift.forEach((t, d) -> b.append(t).append(": ").append(d[0]).append(" missing, ").append(d[1]).append(" extra; "));
        return b.append(')').toString();
    }

    private static String stats(List<Double> seconds) {
        if (seconds.isEmpty()) {
            return "none measured";
        }
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "n=%d, min %.2f s, median %.2f s, p95 %.2f s, max %.2f s", sorted.size(),
                sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.95))),
                sorted.get(sorted.size() - 1));
    }

    private static List<String> strings(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void pause(long millis) {
        LockSupport.parkNanos(millis * 1_000_000L);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * An application: small transactions of inserts, updates and deletes on the sources, on its own
     * session, reconnecting after a failure. A write that fails while the server is up is a write
     * capture made fail: the harness fails on any.
     */
    private static final class Writer {
        final AtomicLong committed = new AtomicLong();
        final AtomicLong failedWhileDown = new AtomicLong();
        final AtomicLong failedWhileUp = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        Writer(String url, int n, int of, long seed, FaultHarness harness) {
            thread = new Thread(() -> loop(url, n, of, new Random(seed), harness), "fault-writer-" + n);
            thread.setDaemon(true);
            thread.start();
        }

        /** Writer n of {@code of} writes the ids congruent to n, so that writers never wait for each other. */
        private void loop(String url, int n, int of, Random random, FaultHarness harness) {
            while (running) {
                try (Connection c = DriverManager.getConnection(url)) {
                    c.setAutoCommit(false);
                    while (running) {
                        try (Statement st = c.createStatement()) {
                            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                                int id = n + of * random.nextInt(1000 / of);
                                switch (n == 0 ? random.nextInt(10) : random.nextInt(9)) {
                                    case 0, 1, 2, 3 -> st.execute("UPDATE ledger SET v = v + " + (1 + random.nextInt(5))
                                            + " WHERE id = " + id);
                                    case 4, 5, 6 -> st.execute("INSERT INTO ledger VALUES (" + id + ", " + random.nextInt(40)
                                            + ", " + random.nextInt(5) + ") ON CONFLICT (id) DO UPDATE SET grp = excluded.grp");
                                    case 7, 8 -> st.execute("DELETE FROM ledger WHERE id = " + id);
                                    default -> st.execute("UPDATE accounts SET name = 'account " + random.nextInt(100)
                                            + "' WHERE grp = " + random.nextInt(5));
                                }
                            }
                        }
                        c.commit();
                        committed.incrementAndGet();
                        LockSupport.parkNanos(5_000_000L);
                    }
                } catch (SQLException e) {
                    String state = String.valueOf(e.getSQLState());
                    boolean serverGoing = !harness.serverUp || state.startsWith("08") || state.startsWith("57P");
                    (serverGoing ? failedWhileDown : failedWhileUp).incrementAndGet();
                    if (!serverGoing) {
                        System.err.println("writer " + n + ": a write failed while the server was up: " + e.getMessage());
                    }
                    LockSupport.parkNanos(100_000_000L);
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(30_000);
        }
    }
}
