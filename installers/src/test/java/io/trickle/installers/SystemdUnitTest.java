package io.trickle.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
    void theUnitRunsTheDaemonFromTheEngineJar() throws IOException {
        Map<String, String> u = unit();
        assertTrue(u.get("Service.ExecStart").matches(".*java .*-jar \\S*trickle\\.jar run$"), u.get("Service.ExecStart"));
        assertTrue(u.containsKey("Service.EnvironmentFile"), "TRICKLE_URL comes from an environment file");
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
