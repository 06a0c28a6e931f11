package io.trickle.engine.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.trickle.engine.api.ChangeBufferStatus;
import io.trickle.engine.api.HealthProblem;
import io.trickle.engine.api.SccStatus;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.StreamTableLag;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.WatermarkGroupStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's facts as gauges, read when Prometheus scrapes (so they are as fresh as the scrape and
 * cost nothing between scrapes): the same SQL a DBA reads ({@code stream_table_lag},
 * {@code change_buffers()}, {@code health()}, {@code watermark_status()}, {@code pgt_scc_status()}).
 * A scrape while the database is away reports {@code trickle_catalog_up 0} and nothing else of it.
 */
final class CatalogCollector implements MultiCollector {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogCollector.class);
    private static final List<String> STATUSES = List.of("INITIALIZING", "ACTIVE", "SUSPENDED", "ERROR");

    private final Supplier<Trickle> engine;

    CatalogCollector(Supplier<Trickle> engine) {
        this.engine = engine;
    }

    @Override
    public MetricSnapshots collect() {
        Trickle trickle = engine.get();
        if (trickle == null) {
            return MetricSnapshots.of(gauge("trickle_catalog_up", "1 when the last scrape read the catalog", 0));
        }
        try {
            return read(trickle);
        } catch (RuntimeException e) {
            LOG.warn("a scrape could not read the catalog: {}", e.toString());
            return MetricSnapshots.of(gauge("trickle_catalog_up", "1 when the last scrape read the catalog", 0));
        }
    }

    private static MetricSnapshots read(Trickle trickle) {
        List<StreamTableLag> lag = trickle.lag();
        List<StreamTableInfo> tables = trickle.list();
        List<ChangeBufferStatus> buffers = trickle.changeBuffers();
        List<WatermarkGroupStatus> groups = trickle.watermarkStatus();
        List<SccStatus> cycles = trickle.sccStatus();
        List<HealthProblem> problems = trickle.health();

        Family staleness = new Family("trickle_staleness_seconds", "Seconds since the stream table's last refresh");
        Family schedule = new Family("trickle_schedule_seconds",
                "The stream table's effective schedule period (calculated: its tightest reader's); absent for cron");
        Family upstreamLag = new Family("trickle_slowest_upstream_lag_seconds",
                "How far the upstream furthest behind on the stream table's path is behind (pgtrickle.stream_table_lag)");
        for (StreamTableLag l : lag) {
            Labels table = Labels.of("stream_table", l.name());
            staleness.add(table, seconds(l.staleness()));
            schedule.add(table, seconds(l.effectiveInterval()));
            upstreamLag.add(table, l.slowestUpstreamLag() == null ? 0 : seconds(l.slowestUpstreamLag()));
        }
        Family errors = new Family("trickle_consecutive_errors", "Failed refreshes in a row of the stream table");
        Family status = new Family("trickle_stream_table_status", "1 for the stream table's current status, 0 for the others");
        for (StreamTableInfo t : tables) {
            Labels table = Labels.of("stream_table", t.name());
            errors.add(table, t.consecutiveErrors());
            for (String s : STATUSES) {
                status.add(Labels.of("stream_table", t.name(), "status", s), s.equals(t.status()) ? 1 : 0);
            }
        }
        Family bufferRows = new Family("trickle_change_buffer_rows",
                "Captured changes of the source its slowest reader has not consumed (counted up to 1e6)");
        Family bufferBytes = new Family("trickle_change_buffer_bytes", "Size of the source's change buffer on disk");
        Family bufferAge = new Family("trickle_change_buffer_oldest_seconds",
                "Age of the oldest change of the source not consumed by every reader (0 when none waits)");
        for (ChangeBufferStatus b : buffers) {
            Labels source = Labels.of("source", b.source());
            bufferRows.add(source, b.pendingRows());
            bufferBytes.add(source, b.bytes());
            bufferAge.add(source, seconds(b.oldestPending()));
        }
        Family watermarkLag = new Family("trickle_watermark_lag_seconds",
                "Distance between the newest and the oldest watermark of the group's sources");
        Family aligned = new Family("trickle_watermark_aligned", "1 when the watermark group is aligned within its tolerance");
        for (WatermarkGroupStatus g : groups) {
            Labels group = Labels.of("group", g.name());
            watermarkLag.add(group, g.lag() == null ? 0 : seconds(g.lag()));
            aligned.add(group, g.aligned() ? 1 : 0);
        }
        Family iterations = new Family("trickle_scc_fixpoint_iterations",
                "Rounds the cycle's last fixpoint run took (cycles are numbered by scc_id)");
        for (SccStatus c : cycles) {
            if (c.lastIterations() != null) {
                iterations.add(Labels.of("scc", Integer.toString(c.sccId())), c.lastIterations());
            }
        }
        Map<HealthProblem.Kind, Integer> byKind = new EnumMap<>(HealthProblem.Kind.class);
        for (HealthProblem.Kind k : HealthProblem.Kind.values()) {
            byKind.put(k, 0);
        }
        problems.forEach(p -> byKind.merge(p.kind(), 1, Integer::sum));
        Family health = new Family("trickle_health_problems", "Problems pgtrickle.health() reports, by kind");
        byKind.forEach((k, n) -> health.add(Labels.of("problem", k.name()), n));

        List<MetricSnapshot> out = new ArrayList<>();
        out.add(gauge("trickle_catalog_up", "1 when the last scrape read the catalog", 1));
        out.add(gauge("trickle_stream_tables", "Stream tables in the catalog", tables.size()));
        for (Family f : List.of(staleness, schedule, upstreamLag, errors, status, bufferRows, bufferBytes, bufferAge,
                watermarkLag, aligned, iterations, health)) {
            out.add(f.build());
        }
        return MetricSnapshots.of(out.toArray(MetricSnapshot[]::new));
    }

    private static double seconds(Duration d) {
        return d == null ? Double.NaN : d.toNanos() / 1e9;
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help).dataPoint(GaugeDataPointSnapshot.builder().value(value).build())
                .build();
    }

    /** One gauge family under construction; a NaN value (unknown) leaves the series out. */
    private static final class Family {
        private final GaugeSnapshot.Builder builder;

        Family(String name, String help) {
            builder = GaugeSnapshot.builder().name(name).help(help);
        }

        void add(Labels labels, double value) {
            if (!Double.isNaN(value)) {
                builder.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
            }
        }

        GaugeSnapshot build() {
            return builder.build();
        }
    }
}
