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
 * profiles, and later layouts and imported benchmark runs. Each call opens and closes its own
 * connection; SQLite makes that cheap and the workspace is never on a hot path.
 */
public final class Workspace implements ConnectionProfiles {

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
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO connection_profile (name, jdbc_url, user) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET jdbc_url = excluded.jdbc_url, user = excluded.user""")) {
                ps.setString(1, profile.name());
                ps.setString(2, profile.jdbcUrl());
                ps.setString(3, profile.user());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean delete(String name) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM connection_profile WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
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
