package io.trickle.engine.bench;

import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The scheduler daemon as users run it: {@code trickle run} in a process of its own, logging to a
 * file beside the CSV. The suite does not refresh: it commits the changes and waits for the daemon's
 * refresh in the history; the engine's duration is the history's, the wall time runs from the commit
 * to the end of the refresh (how stale the table was). A table the daemon does not schedule is asked
 * for with {@code pgtrickle.request_refresh} first.
 */
final class DaemonRefresher implements TrickleRefresher {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration REFRESH = Duration.ofMinutes(30);

    private final Process process;
    /** Stops the daemon should the suite itself be stopped (Ctrl-C, SIGTERM) before it closes it. */
    private final Thread stopOnExit;
    private final Path log;
    private final Connection c;
    private final RefreshHistory history;

    private DaemonRefresher(Process process, Path log, Connection c) {
        this.process = process;
        this.stopOnExit = new Thread(process::destroy, "trickle-bench-daemon-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        this.log = log;
        this.c = c;
        this.history = new RefreshHistory(c);
    }

    /**
     * Starts the daemon and waits until it leads the database. Refuses (before starting anything) when
     * another engine already schedules it.
     */
    static DaemonRefresher start(TrickleLauncher launcher, Connection c, Path log) throws SQLException {
        Integer other = leaderPid(c);
        if (other != null) {
            throw new InvalidInputException("another Trickle engine (backend pid " + other + ") schedules this database, "
                    + "so the suite's daemon could not; stop it or use a database of your own");
        }
        Process p;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder pb = launcher.builder("run");
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            p = pb.start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new ActionFailedException("cannot start the daemon (" + String.join(" ", launcher.command()) + " run): "
                    + e.getMessage(), e);
        }
        DaemonRefresher d = new DaemonRefresher(p, log, c);
        Instant deadline = Instant.now().plus(START);
        while (leaderPid(c) == null) {
            if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                d.close();
                throw new ActionFailedException("the daemon did not take the lead within " + START.toSeconds() + " s"
                        + (p.isAlive() ? "" : " (it exited with " + p.exitValue() + ")") + "; its log: " + d.tail());
            }
            LockSupport.parkNanos(100_000_000L);
        }
        return d;
    }

    static Integer leaderPid(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pgtrickle.scheduler_leader_pid()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            int pid = rs.getInt(1);
            return rs.wasNull() ? null : pid;
        }
    }

    @Override
    public Via via() {
        return Via.DAEMON;
    }

    @Override
    public Measured refresh(RefreshCall call) throws SQLException {
        requireAlive();
        if (call.scheduled()) {
            return history.await(call.name(), call.historyMark(), false, call.changedAt(), REFRESH);
        }
        return requested(call.name(), false);
    }

    /**
     * The daemon is asked for each one with {@code request_refresh}: left to its schedule, a table with
     * nothing to do is found quiet and not refreshed at all (no history row), which costs one probe per
     * tick for all tables together.
     */
    @Override
    public List<Measured> noOps(String name, int n) throws SQLException {
        List<Measured> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            requireAlive();
            out.add(requested(name, true));
        }
        return out;
    }

    private Measured requested(String name, boolean noData) throws SQLException {
        long mark = history.mark();
        Instant asked = history.now();
        try (PreparedStatement ps = c.prepareStatement("SELECT pgtrickle.request_refresh(?)")) {
            ps.setString(1, name);
            ps.executeQuery().close();
        }
        return history.await(name, mark, noData, asked, REFRESH);
    }

    private void requireAlive() {
        if (!process.isAlive()) {
            throw new ActionFailedException("the daemon exited with " + process.exitValue() + "; its log: " + tail());
        }
    }

    /** The end of the daemon's log, for messages. */
    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return log.toString();
        }
    }

    /** Stops the daemon as an operator would (SIGTERM), forcibly if it does not stop within 20 s. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException exiting) {
            // the JVM is going down and the hook stops the daemon
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
