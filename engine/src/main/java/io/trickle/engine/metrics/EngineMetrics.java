package io.trickle.engine.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.trickle.engine.api.EngineListeners;
import io.trickle.engine.api.RefreshEvent;
import io.trickle.engine.api.RefreshListener;
import io.trickle.engine.api.SchedulerEvent;
import io.trickle.engine.api.SchedulerListener;
import io.trickle.engine.api.Trickle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's Prometheus metrics (DESIGN §7, issue 16): what happens in this process, heard through
 * the facade's listeners (refreshes, skips, ticks, leadership), and what the catalog says, read on
 * each scrape by {@link CatalogCollector} (staleness against schedule, errors and status, change
 * buffers, watermark groups, cycles, health problems), plus the JVM's own metrics.
 *
 * <p>Cardinality stays bounded: labels are stream tables, sources, watermark groups and cycles (one
 * series each), actions, statuses and reasons (fixed sets) — never a refresh, a row or an error text.
 *
 * <p>Give {@link #listeners()} to {@code EngineOptions.withListeners} before the engine opens, then
 * {@link #attach} the open engine so that scrapes can read its catalog.
 */
public final class EngineMetrics implements RefreshListener, SchedulerListener {

    /** Seconds: a refresh of a few rows takes milliseconds, a FULL refresh of a large table minutes. */
    private static final double[] REFRESH_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final AtomicReference<Trickle> engine = new AtomicReference<>();
    private final AtomicBoolean leading = new AtomicBoolean();

    private final Histogram refreshDuration = Histogram.builder().name("trickle_refresh_duration_seconds")
            .help("Duration of refreshes run by this engine, as the database clock measured them")
            .labelNames("stream_table", "action").classicOnly().classicUpperBounds(REFRESH_BUCKETS).register(registry);
    private final Counter refreshes = Counter.builder().name("trickle_refresh_total")
            .help("Refreshes run by this engine, by action and status (FAILED refreshes have action UNKNOWN)")
            .labelNames("stream_table", "action", "status").register(registry);
    private final Counter rows = Counter.builder().name("trickle_refresh_rows_total")
            .help("Rows inserted into and deleted from stream tables by this engine's refreshes")
            .labelNames("stream_table", "change").register(registry);
    private final Counter skipped = Counter.builder().name("trickle_refresh_skipped_total")
            .help("Due refreshes the scheduler did not run: BUSY (refreshed elsewhere), BLOCKED (upstream did not"
                    + " refresh), WATERMARK (held back by watermark gating)")
            .labelNames("reason").register(registry);
    private final Counter ticks = Counter.builder().name("trickle_scheduler_ticks_total")
            .help("Scheduler ticks this engine ran as the leader").register(registry);
    private final Histogram tickDuration = Histogram.builder().name("trickle_scheduler_tick_duration_seconds")
            .help("How long the leader's ticks took").classicOnly()
            .classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60).register(registry);
    private final Counter cyclesNotConverged = Counter.builder().name("trickle_scc_not_converged_total")
            .help("Fixpoint runs of cycles that ran out of rounds without converging").register(registry);
    private final Gauge leader = Gauge.builder().name("trickle_leader")
            .help("1 while this engine schedules the database (leader), 0 while it follows").register(registry);

    public EngineMetrics() {
        JvmMetrics.builder().register(registry);
        registry.register(new CatalogCollector(engine::get));
        leader.set(0);
        // Every reason from the start, so that a rate over them is 0 rather than absent before the first skip
        // (which table was skipped is in its history; a label per table would multiply the series by three).
        for (SchedulerEvent.SkipReason r : SchedulerEvent.SkipReason.values()) {
            skipped.labelValues(r.name());
        }
        skipped.labelValues("WATERMARK");
    }

    /** These metrics as the listeners an engine is opened with. */
    public EngineListeners listeners() {
        return EngineListeners.none().onRefresh(this).onScheduler(this);
    }

    /** The open engine whose catalog scrapes read (the one opened with {@link #listeners()}). */
    public void attach(Trickle trickle) {
        engine.set(trickle);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** Whether this engine leads its database's scheduling, as its scheduler last said. */
    public boolean leading() {
        return leading.get();
    }

    @Override
    public void on(RefreshEvent event) {
        if (event instanceof RefreshEvent.Completed c) {
            refreshes.labelValues(c.streamTable(), c.action().name(), "COMPLETED").inc();
            refreshDuration.labelValues(c.streamTable(), c.action().name()).observe(c.durationMs() / 1000.0);
            rows.labelValues(c.streamTable(), "inserted").inc(c.rowsInserted());
            rows.labelValues(c.streamTable(), "deleted").inc(c.rowsDeleted());
        } else if (event instanceof RefreshEvent.Failed f) {
            refreshes.labelValues(f.streamTable(), "UNKNOWN", "FAILED").inc();
        }
    }

    /** Failures, suspensions and fixpoint rounds are in the catalog, which scrapes read; the rest is counted here. */
    @Override
    public void on(SchedulerEvent event) {
        if (event instanceof SchedulerEvent.LeadershipGained) {
            setLeading(true);
        } else if (event instanceof SchedulerEvent.LeadershipLost) {
            setLeading(false);
        } else if (event instanceof SchedulerEvent.TickCompleted t) {
            ticks.inc();
            tickDuration.observe(t.took().toNanos() / 1e9);
        } else if (event instanceof SchedulerEvent.TableSkipped s) {
            skipped.labelValues(s.reason().name()).inc();
        } else if (event instanceof SchedulerEvent.WatermarkHeld h) {
            skipped.labelValues("WATERMARK").inc();
        } else if (event instanceof SchedulerEvent.CycleNotConverged) {
            cyclesNotConverged.inc();
        }
    }

    private void setLeading(boolean now) {
        leading.set(now);
        leader.set(now ? 1 : 0);
    }
}
