package io.trickle.engine.security;

import io.trickle.engine.db.PgQuote;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.util.PSQLException;

/** Login roles with exactly the privileges a test grants them, and statements run as them. */
final class Roles {

    private Roles() {
    }

    /**
     * A login role with CONNECT on the test's database, and {@code databasePrivilege} (CREATE, say)
     * when not null; nothing else. Returns its JDBC URL.
     */
    static String login(TestDatabase db, String role, String databasePrivilege) {
        String password = "pw-" + role;
        try (Connection c = TestDatabase.server().connectAdmin(); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = " + PgQuote.literal(role)
                    + ") THEN CREATE ROLE " + PgQuote.ident(role) + " LOGIN PASSWORD " + PgQuote.literal(password)
                    + "; END IF; END $$");
            st.execute("GRANT CONNECT" + (databasePrivilege == null ? "" : ", " + databasePrivilege) + " ON DATABASE "
                    + PgQuote.ident(db.name()) + " TO " + PgQuote.ident(role));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create role " + role + ": " + e.getMessage(), e);
        }
        return db.jdbcUrl(role, password);
    }

    /** Runs each statement in one session of the role behind {@code url}. */
    static void as(String url, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /** The first column of the first row, as a number. */
    static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The server's message for the last of {@code sql}, which must fail (the others must not). */
    static String error(String url, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (int i = 0; i < sql.length; i++) {
                try {
                    st.execute(sql[i]);
                } catch (PSQLException e) {
                    if (i == sql.length - 1) {
                        return e.getServerErrorMessage() != null ? e.getServerErrorMessage().getMessage() : e.getMessage();
                    }
                    throw e;
                }
            }
        }
        throw new AssertionError("was accepted: " + sql[sql.length - 1]);
    }
}
