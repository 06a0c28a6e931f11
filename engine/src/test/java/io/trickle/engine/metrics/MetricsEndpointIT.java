package io.trickle.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.SchedulerOptions;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.embedded.Demo;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The daemon's metrics endpoint on the demo (issue 16): {@code /health}, {@code /ready} on a follower
 * and on the leader, the metrics of DESIGN §7 in a real scrape, and every metric the Grafana dashboard
 * and the alert rules name is one the engine exports.
 */
class MetricsEndpointIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Path MONITORING = Path.of("..", "installers", "src", "main", "monitoring");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\w+) (\\w+)$", Pattern.MULTILINE);
    private static final Pattern METRIC = Pattern.compile("\\b((?:trickle|jvm)_[a-z0-9_]+)");

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesHealthReadinessAndTheMetricsTheDashboardAndRulesUse() throws Exception {
        EngineMetrics metrics = new EngineMetrics();
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(8)
                .withListeners(metrics.listeners()))) {
            trickle.install();
            Demo.install(trickle, db.jdbcUrl());
            // What a scrape reads, read directly first: a failure here names its cause.
            assertTrue(trickle.lag().size() > 5 && !trickle.changeBuffers().isEmpty() && !trickle.health().isEmpty());
            metrics.attach(trickle);
            try (MetricsServer server = MetricsServer.start(0, metrics, trickle)) {
                String base = "http://localhost:" + server.port();
                assertEquals("ok\n", get(base + "/health").body());
                HttpResponse<String> follower = get(base + "/ready");
                assertEquals(200, follower.statusCode(), "a follower is ready too: it takes over when the leader stops");
                assertTrue(follower.body().startsWith("ready: follower, catalog "), follower.body());

                try (SchedulerHandle scheduler = trickle.runScheduler(SchedulerOptions.defaults())) {
                    Eventually.await(DEADLINE, () -> body(base + "/ready").startsWith("ready: leader"), "/ready says leader");
                    Eventually.await(DEADLINE, () -> body(base + "/metrics").contains("status=\"COMPLETED\""),
                            "a scheduled refresh is counted");
                    String scrape = body(base + "/metrics");
                    assertTrue(scrape.contains("trickle_leader 1.0"), "leader gauge");
                    assertTrue(scrape.contains("trickle_catalog_up 1.0"), "catalog read");
                    assertTrue(scrape.contains("trickle_staleness_seconds{stream_table=\"shop.order_totals\"}"), "staleness");
                    assertTrue(scrape.contains("trickle_schedule_seconds{stream_table=\"shop.order_totals\"}"), "schedule");
                    assertTrue(scrape.contains("trickle_stream_table_status{status=\"ACTIVE\",stream_table=\"shop.order_totals\"} 1.0"),
                            "status");
                    assertTrue(scrape.contains("trickle_change_buffer_rows{source=\"shop.orders\"}"), "buffer rows");
                    assertTrue(scrape.contains("trickle_watermark_aligned{group=\"etl_feeds\"}"), "watermark group");
                    assertTrue(scrape.contains("trickle_refresh_duration_seconds_bucket{action="), "refresh histogram");
                    assertTrue(scrape.contains("jvm_memory_used_bytes"), "the JVM's own metrics");
                    Files.writeString(Path.of("target", "metrics-demo-scrape.txt"), scrape);

                    Set<String> exported = exportedNames(scrape);
                    List<String> unknown = new ArrayList<>();
                    for (String file : List.of("trickle-dashboard.json", "trickle-alerts.yml")) {
                        for (String expr : expressions(file)) {
                            Matcher m = METRIC.matcher(expr);
                            while (m.find()) {
                                if (!exported.contains(m.group(1))) {
                                    unknown.add(file + ": " + m.group(1));
                                }
                            }
                        }
                    }
                    assertEquals(List.of(), unknown, "metrics named by the dashboard and the rules that the engine does not export");
                }
            }
        }
    }

    /** Every name a query may use: each family's, and its samples' (counters' _total, histograms' _bucket/_sum/_count). */
    private static Set<String> exportedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        Matcher m = TYPE.matcher(scrape);
        while (m.find()) {
            String name = m.group(1);
            names.add(name);
            switch (m.group(2)) {
                case "counter" -> names.add(name.endsWith("_total") ? name : name + "_total");
                case "histogram" -> names.addAll(List.of(name + "_bucket", name + "_sum", name + "_count"));
                default -> { }
            }
        }
        return names;
    }

    private static List<String> expressions(String file) throws IOException {
        List<String> out = new ArrayList<>();
        String text = Files.readString(MONITORING.resolve(file));
        if (file.endsWith(".json")) {
            for (JsonNode panel : new ObjectMapper().readTree(text).path("panels")) {
                panel.path("targets").forEach(t -> out.add(t.path("expr").asText()));
            }
        } else {
            // The rule file's expressions: single-line "expr: ..." and the indented block after "expr: |".
            String[] lines = text.split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].trim();
                if (line.startsWith("expr: |")) {
                    StringBuilder block = new StringBuilder();
                    while (i + 1 < lines.length && (lines[i + 1].startsWith("          ") || lines[i + 1].isBlank())) {
                        block.append(lines[++i]).append('\n');
                    }
                    out.add(block.toString());
                } else if (line.startsWith("expr: ")) {
                    out.add(line.substring(6));
                }
            }
        }
        assertTrue(out.size() > 5, file + " has expressions");
        return out;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String body(String url) {
        try {
            return get(url).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
