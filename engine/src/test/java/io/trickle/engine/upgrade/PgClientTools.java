package io.trickle.engine.upgrade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * pg_dump and pg_restore from the machine (the embedded test binaries have neither): Debian's
 * {@code /usr/lib/postgresql/N/bin}, else the PATH. The newest major found wins, since client tools
 * dump servers of their own major and older ones, never newer ones.
 */
record PgClientTools(Path bin, int major) {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    static Optional<PgClientTools> find() {
        List<PgClientTools> found = new ArrayList<>();
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> majors = Files.list(debian)) {
                majors.map(m -> m.resolve("bin")).forEach(bin -> of(bin).ifPresent(found::add));
            } catch (IOException ignored) {
                // nothing usable there
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                of(Path.of(dir)).ifPresent(found::add);
            }
        }
        return found.stream().max(Comparator.comparingInt(PgClientTools::major));
    }

    private static Optional<PgClientTools> of(Path bin) {
        if (!Files.isExecutable(bin.resolve("pg_dump")) || !Files.isExecutable(bin.resolve("pg_restore"))) {
            return Optional.empty();
        }
        try {
            Matcher m = VERSION.matcher(run(List.of(bin.resolve("pg_dump").toString(), "--version")));
            return m.find() ? Optional.of(new PgClientTools(bin, Integer.parseInt(m.group(1)))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A custom-format archive of {@code database} on the server at {@code port}, as its superuser. */
    void dump(int port, String database, Path archive) throws IOException {
        run(List.of(bin.resolve("pg_dump").toString(), "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres",
                "-d", database, "-Fc", "-f", archive.toString()));
    }

    /** Restores the archive into an existing, empty database; any error fails. */
    void restore(int port, String database, Path archive) throws IOException {
        run(List.of(bin.resolve("pg_restore").toString(), "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres",
                "-d", database, "--exit-on-error", archive.toString()));
    }

    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + out);
        }
        return out;
    }
}
