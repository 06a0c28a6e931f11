package io.trickle.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Installs the engine's .deb on this machine with dpkg, runs {@code trickle} from where it was
 * installed, verifies the systemd unit, and purges the package, checking that nothing of it stays.
 * Runs under {@code -Ppackage} only (it needs root and changes the machine); writes its transcript to
 * {@code target/packages/install-test.log}.
 */
class EnginePackageIT {

    private static final Path PACKAGES = Path.of(System.getProperty("trickle.packages", "target/packages"));
    private static final String VERSION = System.getProperty("trickle.version", "0.7.0-SNAPSHOT");
    /** Directories the package shares with the system: they stay. */
    private static final Set<String> SHARED = Set.of("/", "/etc", "/lib", "/lib/systemd", "/lib/systemd/system", "/usr",
            "/usr/bin", "/usr/share", "/usr/share/doc");

    private final List<String> transcript = new ArrayList<>();

    @Test
    void theDebInstallsRunsAndPurgesWithoutATrace() throws Exception {
        assumeTrue("0".equals(run("id", "-u").out.strip()), "installing a .deb needs root");
        assumeTrue(onPath("dpkg"), "dpkg is not installed");
        Path deb;
        try (Stream<Path> files = Files.list(PACKAGES)) {
            deb = files.filter(p -> p.getFileName().toString().matches("trickle_.*_all\\.deb")).findFirst().orElseThrow();
        }
        assertFalse(run("dpkg-query", "-W", "-f=${Status}", "trickle").out.contains("installed"),
                "trickle is installed already: this test will not replace it");
        List<String> files = packageFiles(deb);
        try {
            Result install = run("dpkg", "-i", deb.toString());
            assertEquals(0, install.code, install.out);

            Result which = run("sh", "-c", "command -v trickle");
            assertEquals("/usr/bin/trickle", which.out.strip(), "trickle is on the PATH");
            Result version = run("/usr/bin/trickle", "--version");
            assertEquals(0, version.code, version.out);
            assertTrue(version.out.contains(VERSION), version.out);
            Result help = run("/usr/bin/trickle", "--help");
            assertEquals(0, help.code, help.out);
            for (String command : List.of("install", "create", "refresh", "run")) {
                assertTrue(help.out.contains(command), command + " in:\n" + help.out);
            }

            assertTrue(run("getent", "passwd", "trickle").code == 0, "the service's system user exists");
            Path env = Path.of("/etc/trickle/trickle.env");
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)),
                    "the environment file holds a password");
            assertEquals("trickle", Files.getAttribute(env, "posix:group").toString());

            if (onPath("systemd-analyze")) {
                Result verify = run("systemd-analyze", "verify", "/lib/systemd/system/trickle.service");
                assertEquals(0, verify.code, verify.out);
            } else {
                transcript.add("(systemd-analyze is not installed: the unit was not verified)");
            }
        } finally {
            Result purge = run("dpkg", "--purge", "trickle");
            assertEquals(0, purge.code, purge.out);
            writeTranscript();
        }
        for (String f : files) {
            if (!SHARED.contains(f)) {
                assertFalse(Files.exists(Path.of(f), LinkOption.NOFOLLOW_LINKS), f + " is left behind");
            }
        }
        assertFalse(Files.exists(Path.of("/etc/trickle")), "/etc/trickle is left behind");
        assertTrue(run("getent", "passwd", "trickle").code != 0, "the system user is left behind");
        assertTrue(run("getent", "group", "trickle").code != 0, "the system group is left behind");
        assertFalse(run("dpkg-query", "-W", "-f=${Status}", "trickle").out.contains(" installed"));
        writeTranscript();
    }

    /** Absolute paths of everything in the package. */
    private List<String> packageFiles(Path deb) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : run("sh", "-c", "dpkg-deb --fsys-tarfile '" + deb + "' | tar -t").out.split("\n")) {
            String p = line.strip().replaceFirst("^\\./?", "/").replaceFirst("(.)/$", "$1");
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        assertTrue(out.contains("/usr/share/trickle/lib/trickle.jar"), out.toString());
        return out;
    }

    private record Result(int code, String out) {
    }

    private Result run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        transcript.add("$ " + String.join(" ", command) + "   [exit " + p.exitValue() + "]");
        if (!out.isBlank() && !command[0].equals("sh")) {
            out.lines().limit(12).forEach(l -> transcript.add("  " + l));
        }
        System.out.println(transcript.get(transcript.size() - 1));
        return new Result(p.exitValue(), out);
    }

    private boolean onPath(String tool) throws IOException {
        return run("sh", "-c", "command -v " + tool).code == 0;
    }

    private void writeTranscript() throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(PACKAGES.resolve("install-test.log")))) {
            transcript.forEach(w::println);
        }
    }
}
