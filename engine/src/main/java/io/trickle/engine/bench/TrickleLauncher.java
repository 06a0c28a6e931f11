package io.trickle.engine.bench;

import io.trickle.engine.api.TrickleException.ActionFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code trickle} commands as processes of their own, the way a DBA or cron does: by default
 * {@code java -jar trickle.jar} with the jar the suite runs from (or, from a build tree, the same
 * class path and the command line's main class); another command may be given (for example a
 * wrapper script with JVM options). The database URL goes through {@code TRICKLE_URL}, so that a
 * password never shows in the process list.
 */
final class TrickleLauncher {

    private static final String MAIN_CLASS = "io.trickle.engine.cli.Main";

    private final List<String> command;
    private final String jdbcUrl;

    TrickleLauncher(List<String> command, String jdbcUrl) {
        this.command = command == null || command.isEmpty() ? defaultCommand() : List.copyOf(command);
        this.jdbcUrl = jdbcUrl;
    }

    /** {@code java -jar <this jar>}, or {@code java -cp <class path> io.trickle.engine.cli.Main}. */
    static List<String> defaultCommand() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try {
            Path self = Path.of(TrickleLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
                return List.of(java, "-jar", self.toString());
            }
        } catch (Exception e) {
            // fall back to the class path below
        }
        return List.of(java, "-cp", System.getProperty("java.class.path"), MAIN_CLASS);
    }

    List<String> command() {
        return command;
    }

    ProcessBuilder builder(String... args) {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(full);
        Map<String, String> env = pb.environment();
        env.put("TRICKLE_URL", jdbcUrl);
        return pb;
    }

    /** What a finished process printed. */
    record Finished(int exitCode, String out, String err, double wallMs) {
    }

    /** Runs {@code trickle args…} to the end and times it, start of the JVM included. */
    Finished run(String... args) {
        ProcessBuilder pb = builder(args);
        try {
            Path err = Files.createTempFile("trickle-bench-", ".err");
            try {
                pb.redirectError(err.toFile());
                long start = System.nanoTime();
                Process p = pb.start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                int code = p.waitFor();
                double wall = (System.nanoTime() - start) / 1e6;
                return new Finished(code, new String(out, StandardCharsets.UTF_8), Files.readString(err), wall);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new ActionFailedException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionFailedException("interrupted while waiting for trickle " + String.join(" ", args), e);
        }
    }
}
