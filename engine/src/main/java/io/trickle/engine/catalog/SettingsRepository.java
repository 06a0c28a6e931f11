package io.trickle.engine.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Reads and writes {@code pgtrickle.pgt_settings}. Validation happens before a value gets here. */
public final class SettingsRepository {

    public SettingsSnapshot load(Connection c) throws SQLException {
        Map<String, String> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT key, value FROM pgtrickle.pgt_settings");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                stored.put(rs.getString(1), rs.getString(2));
            }
        }
        return new SettingsSnapshot(stored);
    }

    /** Stores a validated value and bumps the catalog generation so running engines pick it up. */
    public <T> void store(Connection c, Setting<T> setting, T value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO pgtrickle.pgt_settings (key, value) VALUES (?, ?)
                ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = current_user
                """)) {
            ps.setString(1, setting.key());
            ps.setString(2, setting.format(value));
            ps.executeUpdate();
        }
        CatalogGeneration.bump(c, "setting " + setting.key());
    }

    /** Removes a stored value so the default applies again. */
    public void reset(Connection c, Setting<?> setting) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pgtrickle.pgt_settings WHERE key = ?")) {
            ps.setString(1, setting.key());
            ps.executeUpdate();
        }
        CatalogGeneration.bump(c, "setting " + setting.key());
    }
}
