package io.trickle.engine.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * pg_ivm, the baseline for in-transaction maintenance, when the server has it. The suite never needs
 * it: it looks in {@code pg_available_extensions}, uses the extension when it is installed in the
 * database, and otherwise reports why it is not available.
 */
final class PgIvm {

    /** Whether pg_ivm can be measured here: the version in use, or the reason it cannot. */
    record Availability(boolean available, String version, String reason) {
        String describe() {
            return available ? "pg_ivm " + version + " available" : "pg_ivm not available: " + reason;
        }
    }

    private final Availability availability;
    private final String createFunction;

    private PgIvm(Availability availability, String createFunction) {
        this.availability = availability;
        this.createFunction = createFunction;
    }

    Availability availability() {
        return availability;
    }

    /** Finds pg_ivm installed in the database. */
    static PgIvm detect(Connection c) throws SQLException {
        String installed = null;
        boolean onServer = false;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT installed_version FROM pg_catalog.pg_available_extensions"
                     + " WHERE name = 'pg_ivm'")) {
            if (rs.next()) {
                onServer = true;
                installed = rs.getString(1);
            }
        }
        if (!onServer) {
            return unavailable("the server has no pg_ivm extension (pg_available_extensions)");
        }
        if (installed == null) {
            return unavailable("the server has pg_ivm but it is not installed in this database; a superuser can install "
                    + "it with CREATE EXTENSION pg_ivm (the suite installs nothing itself)");
        }
        String function = null;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(to_regprocedure('pgivm.create_immv(text, text)')::text,"
                     + " to_regprocedure('pg_catalog.create_immv(text, text)')::text)")) {
            if (rs.next()) {
                function = rs.getString(1);
            }
        }
        if (function == null) {
            return unavailable("pg_ivm " + installed + " is installed but has no create_immv(text, text)");
        }
        return new PgIvm(new Availability(true, installed, null),
                function.startsWith("pgivm.") ? "pgivm.create_immv" : "pg_catalog.create_immv");
    }

    private static PgIvm unavailable(String reason) {
        return new PgIvm(new Availability(false, null, reason), null);
    }

    /**
     * Creates an IMMV of {@code query} named {@code qualifiedName}; empty when created, or pg_ivm's
     * reason when it cannot maintain the query (nothing is left behind then).
     */
    Optional<String> create(Connection c, String qualifiedName, String query) throws SQLException {
        if (!availability.available()) {
            return Optional.of(availability.reason());
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + createFunction + "(?, ?)")) {
            ps.setString(1, qualifiedName);
            ps.setString(2, query);
            ps.executeQuery().close();
            c.commit();
            return Optional.empty();
        } catch (SQLException e) {
            c.rollback();
            return Optional.of(firstLine(e));
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Whether pg_ivm gave the IMMV a unique index (without one its maintenance scans the view). */
    static boolean hasUniqueIndex(Connection c, String qualifiedName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indrelid = ?::regclass AND indisunique)")) {
            ps.setString(1, qualifiedName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.getSQLState() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
