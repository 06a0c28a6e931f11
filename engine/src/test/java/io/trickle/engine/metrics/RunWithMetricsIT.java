package io.trickle.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code trickle run --metrics-port P --log-format json} as its own process, as an operator (or a
 * Kubernetes probe) sees it: {@code /ready} says leader, a scrape counts the daemon's refreshes, each
 * log line is a JSON object and a refresh line carries the stream table, the action and the duration;
 * SIGTERM still stops it with exit code 0.
 */
class RunWithMetricsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theDaemonServesMetricsAndLogsJson() throws Exception {
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()))) {
            trickle.install();
            db.execute("CREATE TABLE public.sales (id int PRIMARY KEY, amount int NOT NULL)",
                    "INSERT INTO public.sales SELECT g, g FROM generate_series(1, 10) g");
            trickle.create(CreateRequest.of("sales_total", "SELECT sum(amount) AS total, count(*) AS n FROM public.sales")
                    .schedule("1s"));
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = Files.createTempFile("trickle-run-metrics", ".log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Logging as the installed command has it (the tests' logback-test.xml left out of the class path).
        String classPath = String.join(File.pathSeparator, Arrays.stream(
                System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !p.endsWith("test-classes")).toList());
        Process daemon = new ProcessBuilder(javaBin, "-Xmx256m", "-cp", classPath, "io.trickle.engine.cli.Main", "run",
                "--url", db.jdbcUrl(), "--metrics-port", Integer.toString(port), "--log-format", "json")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            String base = "http://localhost:" + port;
            Eventually.await(DEADLINE, () -> {
                assertTrue(daemon.isAlive(), () -> "trickle run exited\n" + read(log));
                return body(base + "/ready").startsWith("ready: leader");
            }, "/ready says leader");
            db.execute("INSERT INTO public.sales VALUES (11, 11)");
            Eventually.await(DEADLINE, () -> body(base + "/metrics")
                    .contains("trickle_refresh_total{action=\"DIFFERENTIAL\",status=\"COMPLETED\",stream_table=\"public.sales_total\"}"),
                    "the daemon's differential refresh is counted");
            assertTrue(body(base + "/metrics").contains("trickle_leader 1.0"));

            JsonNode refreshLine = null;
            for (String line : Files.readAllLines(log)) {
                if (!line.startsWith("{")) {
                    continue;  // what the daemon prints for people (the "scheduling …" line) is not a log line
                }
                JsonNode json = new ObjectMapper().readTree(line);
                if (json.path("kvpList").toString().contains("\"stream_table\":\"public.sales_total\"")
                        && json.path("kvpList").toString().contains("DIFFERENTIAL")) {
                    refreshLine = json;
                }
            }
            assertTrue(refreshLine != null, "a JSON refresh line with its stream table and action\n" + read(log));
            assertEquals("INFO", refreshLine.path("level").asText());
            assertTrue(refreshLine.path("kvpList").toString().contains("duration_ms"), refreshLine.toString());
        } finally {
            daemon.destroy();
            assertTrue(daemon.waitFor(20, TimeUnit.SECONDS), "SIGTERM stops the daemon");
        }
        assertEquals(0, daemon.exitValue(), () -> "exit code after SIGTERM\n" + read(log));
    }

    private String body(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";  // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
