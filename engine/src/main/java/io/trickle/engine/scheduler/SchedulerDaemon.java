package io.trickle.engine.scheduler;

import io.trickle.engine.api.SchedulerListener;
import io.trickle.engine.api.SchedulerEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trickle.engine.api.SchedulerRole;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.catalog.CatalogInstaller;
import io.trickle.engine.catalog.ClusterOrigin;
import io.trickle.engine.catalog.Settings;
import io.trickle.engine.db.Database;
import io.trickle.engine.refresh.RefreshExecutor;
import io.trickle.engine.scheduler.TickPlanner.TickPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler daemon: keeps every stream table of one database fresh.
 *
 * <p><b>The tick loop</b> runs on one thread, {@code trickle-scheduler}. Each turn: make sure the
 * dedicated session is there (reconnecting with backoff when it is not), try to lead
 * ({@link LeaderSession}), and if leading run one tick: read the tick state (one query), reload the
 * catalog view when the catalog generation moved, plan ({@link TickPlanner}), refresh the due cycles
 * to their fixpoints ({@link FixpointRunner}), run the plan level by level ({@link Dispatcher},
 * {@link LevelRun}) on the {@code trickle-refresh-<n>} workers, handle
 * outcomes and send alerts. Then it waits for the next tick on the dedicated session, where a
 * catalog change or a {@code request_refresh} notification cuts the wait short. Followers run the
 * same loop without ticking, so they take over within one interval of the leader's session ending.
 *
 * <p><b>Invariants.</b> Only the holder of the leader lock plans ticks; a leader whose session died
 * stops ticking before anything else. A table is never refreshed twice at once: every refresh takes
 * its table's transaction advisory lock, and tables another session holds are skipped, not waited
 * for. Nothing a tick decides depends on the JVM clock: due times and staleness compare catalog
 * timestamps with the database's {@code now()}; the {@link Ticker} only paces ticks and backoff.
 *
 * <p><b>Stopping</b> is two-step: {@link #stop()} lets in-flight refreshes finish for the configured
 * grace, then cancels those still running (their transactions roll back), and ends the dedicated
 * session, which releases the leader lock.
 *
 * <p><b>Watermarks.</b> The dispatcher asks {@link WatermarkGating} before each plan runs, and a
 * notification on {@code pgtrickle_watermark} cuts the wait short like a catalog change, so a table
 * held back by a misaligned group refreshes at the first tick after the group aligns.
 */
public final class SchedulerDaemon {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerDaemon.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration SWEEP_EVERY = InterruptedRefreshes.GRACE;
    private static final Duration LATE_WARNING_EVERY = Duration.ofMinutes(1);

    private final RefreshExecutor refresher;
    private final Database database;
    private final SchedulerConfig config;
    private final Ticker ticker;
    private final ExecutorService loop;
    private final ThreadPoolExecutor workers;
    private final Set<Long> requested = ConcurrentHashMap.newKeySet();
    private final RetryBackoff refreshBackoff;
    private final RetryBackoff reconnectBackoff;
    private final LevelRun levels;
    private final Dispatcher dispatcher;
    private final FixpointRunner fixpoints;
    private final OutcomeHandler outcomes;
    private final AlertPublisher alerts;
    private final StatusWatch watch = new StatusWatch();
    private final SquatWatch squats;
    private final SchedulerListener listener;
    private final ObjectMapper json = new ObjectMapper();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Object wakeUp = new Object();

    private volatile SchedulerRole role = SchedulerRole.STARTING;
    private volatile boolean stopping;
    private volatile boolean started;
    private volatile LeaderSession session;
    private volatile String failure;
    private boolean wakeRequested;
    private CatalogView view;
    private long lastSweepNanos;
    private long lateWarnedNanos;
    private String lastTickSummary = "nothing due";
    private boolean sweepDone;

    /**
     * @param listener hears leadership, ticks, skips, failures and cycles ({@link SchedulerEvent}); the
     *                 refreshes themselves reach the executor's own listener
     */
    public SchedulerDaemon(Database database, RefreshExecutor refresher, SchedulerConfig config,
                           SchedulerListener listener) {
        this.database = database;
        this.listener = listener;
        this.config = config;
        this.ticker = config.ticker();
        this.loop = Executors.newSingleThreadExecutor(named("trickle-scheduler", false));
        int workersAtStart = workerCount(Settings.MAX_CONCURRENT_REFRESHES.defaultValue());
        this.workers = new ThreadPoolExecutor(workersAtStart, workersAtStart, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named("trickle-refresh-", true));
        this.refreshBackoff = new RetryBackoff(ticker, Duration.ofSeconds(1), Duration.ofMinutes(1));
        this.reconnectBackoff = new RetryBackoff(ticker, Duration.ofMillis(500), Duration.ofSeconds(30));
        this.refresher = refresher;
        this.levels = new LevelRun(database, refresher, workers);
        WatermarkGating gating = new WatermarkGating(database, refresher.engineName(), () -> interval().dividedBy(2));
        this.dispatcher = new Dispatcher(levels::run, gating);
        this.fixpoints = new FixpointRunner(database, refresher, gating, this::publish);
        this.outcomes = new OutcomeHandler(database, refreshBackoff, this::publish);
        this.alerts = new AlertPublisher(database);
        this.squats = new SquatWatch(database);
    }

    // ---------------------------------------------------------------------------------------------
    // Public API
    // ---------------------------------------------------------------------------------------------

    /**
     * Checks that the database can be scheduled and starts the loop.
     *
     * @throws ActionFailedException against a standby, or when the catalog is missing or too old
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the scheduler was started already");
        }
        database.withConnection("checking the database before scheduling", c -> {
            Preflight.check(c, database.target().describe(), config.catalog());
            return null;
        });
        ClusterOrigin.adoptOnce(database);
        started = true;
        loop.execute(this::runLoop);
    }

    public SchedulerRole role() {
        return role;
    }

    /** Why the scheduler stopped by itself (it was not asked to), or null. */
    public String failure() {
        return failure;
    }

    /** Cuts the wait for the next tick short. */
    public void wake() {
        synchronized (wakeUp) {
            wakeRequested = true;
            wakeUp.notifyAll();
        }
    }

    /** Stops the loop (two steps, see the class comment) and waits for it; idempotent. */
    public void stop() {
        stopping = true;
        wake();
        if (started && !awaitTermination(config.stopGrace())) {
            LOG.warn("cancelling the refreshes still running after {} ms", config.stopGrace().toMillis());
            levels.cancelRunning();
            fixpoints.cancelRunning();
            if (!awaitTermination(Duration.ofSeconds(2))) {
                LOG.warn("the scheduler loop did not stop in time; closing its session");
                LeaderSession s = session;
                if (s != null) {
                    s.close();
                }
            }
        }
        workers.shutdownNow();
        loop.shutdownNow();
        if (!started) {
            role = SchedulerRole.STOPPED;
            terminated.countDown();
        }
    }

    public boolean awaitTermination(Duration timeout) {
        try {
            return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The loop
    // ---------------------------------------------------------------------------------------------

    private void runLoop() {
        try {
            while (!stopping) {
                long turnStart = ticker.nanoTime();
                if (!ensureSession()) {
                    pause(reconnectDelay());
                    continue;
                }
                try {
                    boolean leads = session.tryLead();
                    if (leads && role != SchedulerRole.LEADER) {
                        becameLeader();
                    } else if (!leads && role != SchedulerRole.FOLLOWER) {
                        LOG.info("following: another engine schedules {}", database.target().describe());
                    }
                    role = leads ? SchedulerRole.LEADER : SchedulerRole.FOLLOWER;
                    reconnectBackoff.clear(0);
                } catch (SQLException e) {
                    sessionLost(e);
                    continue;
                }
                if (role == SchedulerRole.LEADER) {
                    tickSafely();
                }
                awaitNextTick(turnStart);
            }
        } catch (RuntimeException | Error e) {
            LOG.error("the scheduler loop stopped unexpectedly", e);
        } finally {
            closeSession();
            if (role == SchedulerRole.LEADER) {
                publish(new SchedulerEvent.LeadershipLost(database.target().describe(),
                        failure != null ? failure : "the scheduler stopped"));
            }
            role = SchedulerRole.STOPPED;
            terminated.countDown();
        }
    }

    private boolean ensureSession() {
        if (session != null) {
            return true;
        }
        try {
            session = LeaderSession.open(database.target(), config.applicationName(), 10);
            if (role == SchedulerRole.RECONNECTING) {
                LOG.info("reconnected to {}", database.target().describe());
            }
            return true;
        } catch (SQLException e) {
            if (role != SchedulerRole.RECONNECTING) {
                LOG.warn("cannot reach {}: {}; retrying with backoff", database.target().describe(), e.getMessage());
            }
            role = SchedulerRole.RECONNECTING;
            return false;
        }
    }

    private Duration reconnectDelay() {
        return reconnectBackoff.failed(0);
    }

    private void sessionLost(SQLException e) {
        if (role == SchedulerRole.LEADER) {
            LOG.warn("lost the leader session ({}); stopped scheduling until it is back", e.getMessage());
            publish(new SchedulerEvent.LeadershipLost(database.target().describe(), "lost its session: " + e.getMessage()));
        } else {
            LOG.warn("lost the scheduler session: {}", e.getMessage());
        }
        closeSession();
        role = SchedulerRole.RECONNECTING;
        pause(reconnectDelay());
    }

    private void closeSession() {
        LeaderSession s = session;
        session = null;
        if (s != null) {
            s.close();
        }
    }

    private void becameLeader() {
        LOG.info("leading: this engine schedules every stream table of {}", database.target().describe());
        view = null;
        watch.reset();
        sweepDone = false;
        publish(new SchedulerEvent.LeadershipGained(database.target().describe()));
    }

    private void tickSafely() {
        long began = ticker.nanoTime();
        try (RefreshExecutor.PruneBatch prunedAtTheEnd = refresher.pruneInBatches()) {
            List<TableOutcome> results = tick();
            Duration took = Duration.ofNanos(ticker.nanoTime() - began);
            noteLateTick(took);
            publish(new SchedulerEvent.TickCompleted(took, results.size(),
                    (int) results.stream().filter(o -> o.result() == TableOutcome.Result.REFRESHED).count()));
        } catch (SQLException | TrickleException e) {
            LOG.warn("tick failed: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("tick failed unexpectedly", e);
        }
    }

    /** One tick of the leader; returns what became of the tables it planned. */
    private List<TableOutcome> tick() throws SQLException {
        TickState state;
        try {
            state = database.withConnection("reading the catalog", TickState::read);
        } catch (TrickleException e) {
            if (catalogOutgrown()) {
                return List.of();
            }
            throw e;
        }
        if (view == null || view.generation() != state.generation()) {
            if (catalogOutgrown()) {
                return List.of();
            }
            view = database.transaction("reading the catalog", Connection.TRANSACTION_REPEATABLE_READ, CatalogView::read);
            applySettings(view);
            refreshBackoff.retainOnly(state.tables().keySet());
        }
        sweepInterrupted();
        List<Alert> pending = new ArrayList<>(watch.observe(view, state));
        pending.addAll(UnusableRows.markErrors(database, view, state));
        Set<Long> asked = drainRequests(state);
        TickPlan plan = TickPlanner.plan(view, state, asked, refreshBackoff::holds, interval().dividedBy(2));
        List<TableOutcome> results = new ArrayList<>(fixpoints.run(view, state, asked, refreshBackoff::holds,
                interval().dividedBy(2), () -> stopping));
        if (!plan.isEmpty()) {
            results.addAll(dispatcher.run(view, state, plan, () -> stopping));
        }
        if (!results.isEmpty()) {
            pending.addAll(squats.observe(results));
            outcomes.handle(view, results, pending, stopping);
            lastTickSummary = summary(results);
            LOG.debug("tick: {}", lastTickSummary);
            for (TableOutcome o : results) {
                boolean retry = switch (o.result()) {
                    case BUSY, BLOCKED, STOPPED, NO_SESSION -> true;
                    default -> false;
                };
                if (retry && asked.contains(o.id())) {
                    requested.add(o.id());
                }
            }
        }
        alerts.publish(pending);
        return results;
    }

    /** Tells the listener; what it throws never stops the scheduler. */
    private void publish(SchedulerEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            LOG.warn("a scheduler listener failed on {}: {}", event, e.toString());
        }
    }

    /**
     * Whether another engine upgraded the catalog past what this one knows (a rolling upgrade: the
     * newer engine ran 'trickle install'). This engine then stops leading and stops altogether, so that
     * it never acts on rows and buffers whose meaning it does not know; a newer follower takes over.
     * Checked when the catalog generation moves (an install announces itself that way) and when the
     * tick's own query fails.
     */
    private boolean catalogOutgrown() {
        String reason = database.withConnection("reading the catalog version", c -> CatalogInstaller.installedVersion(c)
                .filter(config.catalog()::isNewerThanKnown)
                .flatMap(v -> config.catalog().refusal(v, database.target().describe()))
                .orElse(null));
        if (reason == null) {
            return false;
        }
        LOG.error("stopping the scheduler: {}", reason);
        failure = reason;
        stopping = true;
        return true;
    }

    /**
     * A tick longer than the interval means tables are refreshed less often than their schedules ask:
     * said once a minute at most, with what the last tick did.
     */
    private void noteLateTick(Duration took) {
        if (took.compareTo(interval()) <= 0) {
            return;
        }
        long now = ticker.nanoTime();
        if (lateWarnedNanos != 0 && now - lateWarnedNanos < LATE_WARNING_EVERY.toNanos()) {
            return;
        }
        lateWarnedNanos = now;
        LOG.warn("a tick took {} ms, longer than the {} ms interval ({}); schedules shorter than that slip",
                took.toMillis(), interval().toMillis(), lastTickSummary);
    }

    private Set<Long> drainRequests(TickState state) {
        Set<Long> asked = new HashSet<>();
        for (Long id : List.copyOf(requested)) {
            requested.remove(id);
            TickState.TableState s = state.tables().get(id);
            if (s == null) {
                LOG.info("refresh request for stream table {} ignored: it does not exist any more", id);
            } else if (!s.schedulable()) {
                LOG.info("{}: refresh request ignored: the table is {}", view.name(id), s.status());
            } else {
                asked.add(id);
            }
        }
        return asked;
    }

    private static String summary(List<TableOutcome> results) {
        java.util.Map<TableOutcome.Result, Long> counts = new java.util.EnumMap<>(TableOutcome.Result.class);
        results.forEach(o -> counts.merge(o.result(), 1L, Long::sum));
        return results.size() + " due: " + counts.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private void sweepInterrupted() {
        long now = ticker.nanoTime();
        if (sweepDone && now - lastSweepNanos < SWEEP_EVERY.toNanos()) {
            return;
        }
        sweepDone = true;
        lastSweepNanos = now;
        List<String> closed = database.withConnection("closing interrupted refreshes",
                c -> InterruptedRefreshes.close(c, InterruptedRefreshes.GRACE));
        for (String name : closed) {
            LOG.warn("{}: a refresh left RUNNING by a stopped engine is now recorded as FAILED (interrupted)", name);
        }
    }

    private void applySettings(CatalogView v) {
        int wanted = workerCount(config.maxConcurrentOverride() != null ? config.maxConcurrentOverride()
                : v.settings().get(Settings.MAX_CONCURRENT_REFRESHES));
        if (wanted != workers.getMaximumPoolSize()) {
            if (wanted > workers.getMaximumPoolSize()) {
                workers.setMaximumPoolSize(wanted);
                workers.setCorePoolSize(wanted);
            } else {
                workers.setCorePoolSize(wanted);
                workers.setMaximumPoolSize(wanted);
            }
            LOG.info("refreshing up to {} stream tables at once", wanted);
        }
    }

    /** Workers, kept within the pool: the level's exporter and probe need two sessions of their own. */
    private int workerCount(int setting) {
        return Math.max(1, Math.min(setting, database.maxConnections() - 2));
    }

    private Duration interval() {
        if (config.intervalOverride() != null) {
            return config.intervalOverride();
        }
        int ms = view == null ? Settings.SCHEDULER_INTERVAL_MS.defaultValue()
                : view.settings().get(Settings.SCHEDULER_INTERVAL_MS);
        return Duration.ofMillis(ms);
    }

    // ---------------------------------------------------------------------------------------------
    // Waiting
    // ---------------------------------------------------------------------------------------------

    /**
     * Waits on the dedicated session until the next tick is due, a notification asks for one early,
     * {@link #wake()} is called or the scheduler stops.
     */
    private void awaitNextTick(long turnStart) {
        long deadline = turnStart + interval().toNanos();
        while (!stopping) {
            synchronized (wakeUp) {
                if (wakeRequested) {
                    wakeRequested = false;
                    return;
                }
            }
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - ticker.nanoTime());
            if (remainingMs <= 0) {
                return;
            }
            LeaderSession s = session;
            if (s == null) {
                return;
            }
            try {
                if (handle(s.await(Math.min(remainingMs, POLL.toMillis())))) {
                    return;
                }
            } catch (SQLException e) {
                sessionLost(e);
                return;
            }
        }
    }

    /** Returns whether the notifications call for a tick now. */
    private boolean handle(List<PGNotification> notifications) {
        boolean tickNow = false;
        for (PGNotification n : notifications) {
            if (LeaderSession.REQUEST_CHANNEL.equals(n.getName())) {
                if (role != SchedulerRole.LEADER) {
                    continue;
                }
                try {
                    JsonNode body = json.readTree(n.getParameter());
                    requested.add(body.get("pgt_id").asLong());
                    tickNow = true;
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.warn("ignored a malformed refresh request: {}", n.getParameter());
                }
            } else if (LeaderSession.CATALOG_CHANNEL.equals(n.getName())
                    || LeaderSession.WATERMARK_CHANNEL.equals(n.getName())) {
                tickNow = role == SchedulerRole.LEADER;
            }
        }
        return tickNow;
    }

    private void pause(Duration d) {
        long until = ticker.nanoTime() + d.toNanos();
        synchronized (wakeUp) {
            while (!stopping) {
                long ms = TimeUnit.NANOSECONDS.toMillis(until - ticker.nanoTime());
                if (ms <= 0) {
                    return;
                }
                try {
                    wakeUp.wait(Math.min(ms, POLL.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Start and stop
    // ---------------------------------------------------------------------------------------------

    private static ThreadFactory named(String name, boolean numbered) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, numbered ? name + n.incrementAndGet() : name);
            t.setDaemon(true);
            return t;
        };
    }
}
