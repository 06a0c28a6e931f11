package io.trickle.desktop.services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The workbench's local workspace: a SQLite file ({@code ~/.trickle/workspace.db}) with connection
 * profiles, preferences (theme, perspective layouts), encrypted passwords, and the benchmark CSV
 * files the DBA opened. Each call opens and closes its own connection; SQLite makes that cheap and the
 * workspace is never on a hot path. Every call does file I/O, so none may run on the FX thread.
 */
public final class Workspace implements ConnectionProfiles, WorkbenchPreferences, BenchmarkLibrary {

    private final String url;

    public Workspace(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the workspace folder for " + file + ": " + e.getMessage(), e);
        }
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        migrate();
    }

    private void migrate() {
        run(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("""
                        CREATE TABLE IF NOT EXISTS connection_profile (
                            name     TEXT PRIMARY KEY,
                            jdbc_url TEXT NOT NULL,
                            user     TEXT
                        )""");
                st.execute("""
                        CREATE TABLE IF NOT EXISTS preference (
                            key   TEXT PRIMARY KEY,
                            value TEXT NOT NULL
                        )""");
                st.execute("""
                        CREATE TABLE IF NOT EXISTS benchmark_file (
                            path     TEXT PRIMARY KEY,
                            added_at TEXT NOT NULL
                        )""");
                st.execute("""
                        CREATE TABLE IF NOT EXISTS stored_secret (
                            key    TEXT PRIMARY KEY,
                            sealed BLOB NOT NULL
                        )""");
            }
            return null;
        });
    }

    @Override
    public List<ConnectionProfile> all() {
        return run(c -> {
            List<ConnectionProfile> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT name, jdbc_url, user FROM connection_profile ORDER BY name")) {
                while (rs.next()) {
                    out.add(new ConnectionProfile(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<ConnectionProfile> byName(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public void save(ConnectionProfile profile) {
        update("""
                INSERT INTO connection_profile (name, jdbc_url, user) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET jdbc_url = excluded.jdbc_url, user = excluded.user""",
                profile.name(), profile.jdbcUrl(), profile.user());
    }

    @Override
    public boolean delete(String name) {
        return update("DELETE FROM connection_profile WHERE name = ?", name) > 0;
    }

    @Override
    public Optional<String> get(String key) {
        return valueOf("SELECT value FROM preference WHERE key = ?", key, rs -> rs.getString(1));
    }

    @Override
    public void put(String key, String value) {
        update("""
                INSERT INTO preference (key, value) VALUES (?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value""", key, value);
    }

    @Override
    public List<Path> benchmarkFiles() {
        return run(c -> {
            List<Path> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT path FROM benchmark_file ORDER BY added_at, path")) {
                while (rs.next()) {
                    out.add(Path.of(rs.getString(1)));
                }
            }
            return out;
        });
    }

    @Override
    public void addBenchmarkFile(Path file) {
        update("INSERT INTO benchmark_file (path, added_at) VALUES (?, ?) ON CONFLICT (path) DO NOTHING",
                file.toAbsolutePath().normalize().toString(), java.time.Instant.now().toString());
    }

    @Override
    public void removeBenchmarkFile(Path file) {
        update("DELETE FROM benchmark_file WHERE path = ?", file.toAbsolutePath().normalize().toString());
    }

    /** An encrypted secret as {@link EncryptedSecretStore} sealed it; the workspace never sees plain text. */
    Optional<byte[]> sealedSecret(String key) {
        return valueOf("SELECT sealed FROM stored_secret WHERE key = ?", key, rs -> rs.getBytes(1));
    }

    void storeSealedSecret(String key, byte[] sealed) {
        update("""
                INSERT INTO stored_secret (key, sealed) VALUES (?, ?)
                ON CONFLICT (key) DO UPDATE SET sealed = excluded.sealed""", key, sealed);
    }

    void deleteSealedSecret(String key) {
        update("DELETE FROM stored_secret WHERE key = ?", key);
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The first column of the row whose key is {@code key}, if there is one. */
    private <T> Optional<T> valueOf(String sql, String key, Column<T> column) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(column.read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Runs one statement with its parameters bound in order; returns how many rows it changed. */
    private int update(String sql, Object... params) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T run(Work<T> work) {
        try (Connection c = DriverManager.getConnection(url)) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("workspace " + url + ": " + e.getMessage(), e);
        }
    }
}
