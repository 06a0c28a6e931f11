package io.trickle.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The engine's container build file, checked without a container engine: a small JRE base, a
 * non-root user, a health check on /health at the port the daemon serves metrics on, and the
 * daemon as the command.
 */
class ContainerfileTest {

    private static final Path FILE = Path.of("src/main/container/Containerfile");

    /** Instructions with their continuation lines joined, comments dropped. */
    private static List<String> instructions() throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                out.add(current.toString().strip().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return out;
    }

    private static List<String> all(String keyword) throws IOException {
        return instructions().stream().filter(i -> i.startsWith(keyword + " ")).map(i -> i.substring(keyword.length() + 1))
                .toList();
    }

    private static String one(String keyword) throws IOException {
        List<String> found = all(keyword);
        assertEquals(1, found.size(), keyword + ": " + found);
        return found.get(0);
    }

    @Test
    void theBaseIsAJavaSeventeenRuntimeWithoutACompiler() throws IOException {
        String from = one("FROM");
        assertTrue(from.matches("eclipse-temurin:17-jre(-alpine)?"), from);
    }

    @Test
    void theDaemonRunsAsANumericNonRootUser() throws IOException {
        String user = one("USER");
        Matcher m = Pattern.compile("(\\d+)(:(\\d+))?").matcher(user);
        assertTrue(m.matches(), "a numeric user lets Kubernetes check runAsNonRoot: " + user);
        assertFalse(m.group(1).equals("0"), "not root");
        assertTrue(instructions().indexOf("USER " + user) > instructions().indexOf(
                instructions().stream().filter(i -> i.startsWith("COPY ")).findFirst().orElseThrow()),
                "the user is set after the files are in place");
        assertTrue(all("RUN").stream().anyMatch(r -> r.contains("adduser") && r.contains("-u " + m.group(1))),
                "the user exists in the image");
    }

    @Test
    void theHealthCheckAsksTheDaemonsHealthEndpointOnItsMetricsPort() throws IOException {
        String port = metricsPort();
        String check = one("HEALTHCHECK");
        assertTrue(check.contains("CMD "), check);
        assertTrue(check.contains("http://127.0.0.1:" + port + "/health"), check);
        assertTrue(all("EXPOSE").contains(port), "the metrics port is exposed");
    }

    @Test
    void theImageRunsTheSchedulerDaemonFromTheEngineJarAndStopsItWithSigterm() throws IOException {
        String entrypoint = one("ENTRYPOINT");
        assertTrue(entrypoint.matches("\\[\"java\", .*\"-jar\", \"\\S+/trickle\\.jar\"]"), entrypoint);
        assertEquals("SIGTERM", one("STOPSIGNAL"));
        assertTrue(all("COPY").stream().anyMatch(c -> c.startsWith("trickle.jar ")), "the shaded engine jar goes in");
    }

    /** The port given to {@code run --metrics-port} (DESIGN §4 and §7). */
    static String metricsPort() throws IOException {
        Matcher m = Pattern.compile("\\[\"run\", \"--metrics-port\", \"(\\d+)\"]").matcher(one("CMD"));
        assertTrue(m.matches(), "CMD runs the daemon with its metrics port");
        return m.group(1);
    }
}
