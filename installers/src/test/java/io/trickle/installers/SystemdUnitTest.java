package io.trickle.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service unit must start the daemon the way DESIGN §4 defines it and stop it the way it expects. */
class SystemdUnitTest {

    private static Map<String, String> unit() throws IOException {
        Map<String, String> keys = new HashMap<>();
        String section = "";
        for (String raw : Files.readAllLines(Path.of("src/main/packaging/systemd/trickle.service"), StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int eq = line.indexOf('=');
            assertTrue(eq > 0, "not a key=value line: " + raw);
            keys.put(section + "." + line.substring(0, eq), line.substring(eq + 1));
        }
        return keys;
    }

    @Test
    void theUnitRunsTheDaemonFromThePathWithTheEnvironmentFile() throws IOException {
        Map<String, String> u = unit();
        assertEquals("/usr/bin/trickle run --metrics-port ${TRICKLE_METRICS_PORT}", u.get("Service.ExecStart"));
        assertEquals("/etc/trickle/trickle.env", u.get("Service.EnvironmentFile"));
        assertEquals("trickle", u.get("Service.User"));
        assertEquals("on-failure", u.get("Service.Restart"));
    }

    @Test
    void theEnvironmentFileNamesTheDatabaseAndTheMetricsPort() throws IOException {
        List<String> keys = Files.readAllLines(Path.of("src/main/packaging/env/trickle.env"), StandardCharsets.UTF_8)
                .stream().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.substring(0, l.indexOf('='))).toList();
        assertTrue(keys.containsAll(List.of("TRICKLE_URL", "TRICKLE_METRICS_PORT")), keys.toString());
    }

    @Test
    void stopIsASigtermWithMoreTimeThanTheDaemonNeeds() throws IOException {
        Map<String, String> u = unit();
        assertEquals("SIGTERM", u.get("Service.KillSignal"));
        assertTrue(Integer.parseInt(u.get("Service.TimeoutStopSec")) > 10, "the daemon may take 10 s to stop");
        assertEquals("0", u.get("Service.SuccessExitStatus"));
        assertEquals("multi-user.target", u.get("Install.WantedBy"));
    }
}
