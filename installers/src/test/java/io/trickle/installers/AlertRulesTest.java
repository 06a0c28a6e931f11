package io.trickle.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus alert rules (issue 16), checked by Prometheus' own {@code promtool}: the file is
 * valid, and on synthetic series each rule fires when it should and stays quiet when it should not
 * ({@code trickle-alerts-test.yml}). Debian's {@code prometheus} package provides promtool ({@code .ci/run}
 * installs it); where it is absent the test is skipped, saying so. That every metric the rules name
 * is exported is checked against a running engine by the engine's {@code MetricsEndpointIT}.
 */
class AlertRulesTest {

    private static final Path DIR = Path.of("src/main/monitoring");

    @Test
    void promtoolChecksTheRulesAndTheirTestsPass() throws Exception {
        String promtool = promtool();
        assumeTrue(promtool != null, "promtool is not installed (apt-get install prometheus); the alert rules are not checked");
        assertEquals("", run(promtool, "check", "rules", "trickle-alerts.yml"));
        assertEquals("", run(promtool, "test", "rules", "trickle-alerts-test.yml"));
    }

    /** Empty when promtool exits 0; else what it printed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("promtool", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", command) + " did not finish within 120 s";
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            System.out.print(out);
            return p.exitValue() == 0 ? "" : out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String promtool() {
        for (String dir : List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
