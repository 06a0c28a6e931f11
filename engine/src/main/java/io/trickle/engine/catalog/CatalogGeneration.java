package io.trickle.engine.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The catalog generation: a counter that every change to stream tables or settings moves, announced
 * on channel {@code pgtrickle_catalog}. Engines cache what they derived from the catalog and reload
 * it when the number they last saw is behind.
 */
public final class CatalogGeneration {

    private CatalogGeneration() {
    }

    public static long bump(Connection c, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pgtrickle.bump_catalog_generation(?)")) {
            ps.setString(1, reason);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static long current(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT generation FROM pgtrickle.pgt_catalog_generation");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
