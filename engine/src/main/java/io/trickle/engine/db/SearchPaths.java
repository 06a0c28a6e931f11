package io.trickle.engine.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The search_path the engine's SQL runs with (issue 18). Every engine session is pinned to
 * {@link #PINNED} when it opens: built-ins first, temporary objects last, and no schema a tenant can
 * create objects in, so that no function, operator or type a tenant creates is ever chosen in the
 * engine's SQL or in a stored query. The search_path the session started with — the user's, from the
 * role's and database's defaults or the URL — is kept aside: it is how a person's new query is read
 * ({@link #readAsUser}) before the engine stores it in a form that resolves under the pinned one.
 */
public final class SearchPaths {

    /** What every engine session and every stored query runs with. */
    public static final String PINNED = "pg_catalog, pg_temp";

    /** The setting that keeps the session's own search_path. */
    private static final String USERS_SETTING = "trickle.user_search_path";

    /** Run once on every new session of the engine's pool. */
    public static final String SESSION_INIT = "SELECT set_config('" + USERS_SETTING + "', current_setting('search_path'), false),"
            + " set_config('search_path', '" + PINNED + "', false)";

    private SearchPaths() {
    }

    /** The search_path the session started with (the pinned one on a session the pool did not open). */
    public static String usersPath(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(nullif(current_setting(?, true), ''), ?)")) {
            ps.setString(1, USERS_SETTING);
            ps.setString(2, PINNED);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** For the rest of the transaction, names resolve as the person who wrote the query sees them. */
    public static void readAsUser(Connection c) throws SQLException {
        set(c, usersPath(c));
    }

    /** For the rest of the transaction, names resolve with {@code path}. */
    public static void readWith(Connection c, String path) throws SQLException {
        set(c, path);
    }

    /** For the rest of the transaction, names resolve under {@link #PINNED}. */
    public static void pin(Connection c) throws SQLException {
        set(c, PINNED);
    }

    private static void set(Connection c, String path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('search_path', ?, true)")) {
            ps.setString(1, path);
            ps.executeQuery().close();
        }
    }
}
