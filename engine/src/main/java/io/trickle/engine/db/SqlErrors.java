package io.trickle.engine.db;

import io.trickle.engine.api.TrickleException;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.NoSessionException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * SQLState → exception: what went wrong, said with the host, port, database and role it concerns.
 * Connection failures become {@link NoSessionException} (exit 3); a missing privilege and every
 * other server error become {@link ActionFailedException} (exit 1) unless the caller knows better.
 */
public final class SqlErrors {

    private SqlErrors() {
    }

    /**
     * Is this failure the absence of a session (server down or restarting, the session terminated,
     * authentication, missing database)?
     */
    public static boolean isNoSession(Throwable t) {
        SQLException sql = findSqlException(t);
        String state = sql == null ? null : sql.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("28") || state.equals("3D000")
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
            return true;
        }
        // HikariCP closes a connection whose session died; a later call on it fails with this (and no
        // SQLSTATE), which may be the first failure a caller sees of the session's end.
        if (sql != null && state == null && "Connection is closed".equals(sql.getMessage())) {
            return true;
        }
        return findCause(t, ConnectException.class) != null || findCause(t, UnknownHostException.class) != null;
    }

    /** Translates a failure to obtain a session with {@code target}. */
    public static TrickleException noSession(Throwable failure, ConnectionTarget target) {
        SQLException sql = findSqlException(failure);
        String state = sql == null ? "" : String.valueOf(sql.getSQLState());
        String where = target.host() + ":" + target.port();
        String message;
        if (state.equals("28P01") || state.equals("28000")) {
            message = "authentication failed for user \"" + target.user() + "\" at " + where
                    + " (database \"" + target.database() + "\"): check the user and password in the URL";
        } else if (state.equals("3D000")) {
            message = "database \"" + target.database() + "\" does not exist on the server at " + where;
        } else if (state.equals("57P01") || state.equals("57P02")) {
            message = "the session with PostgreSQL at " + where + "/" + target.database() + " ended: "
                    + sql.getMessage().strip() + " (a server restart, or pg_terminate_backend)";
        } else if (state.equals("57P03")) {
            message = "the server at " + where + " is not accepting connections yet (starting up or shutting down)";
        } else if (findCause(failure, UnknownHostException.class) != null) {
            message = "cannot resolve host \"" + target.host() + "\" (port " + target.port() + ")";
        } else if (findCause(failure, ConnectException.class) != null
                || findCause(failure, NoRouteToHostException.class) != null) {
            message = "cannot reach PostgreSQL at " + where + ": connection refused (is the server running?)";
        } else if (findCause(failure, SocketTimeoutException.class) != null) {
            message = "cannot reach PostgreSQL at " + where + ": connection timed out";
        } else {
            String detail = sql != null ? sql.getMessage() : rootMessage(failure);
            message = "cannot connect to PostgreSQL at " + where + "/" + target.database() + ": " + detail;
        }
        return new NoSessionException(message, failure);
    }

    /**
     * Translates a failure while acting. {@code doing} says what the engine was doing, e.g.
     * "installing the catalog", and starts the message.
     */
    public static TrickleException acting(String doing, SQLException e, ConnectionTarget target) {
        if (isNoSession(e)) {
            return noSession(e, target);
        }
        String state = String.valueOf(e.getSQLState());
        String message = e.getMessage();
        if ("42501".equals(state)) {
            return new ActionFailedException(doing + " failed: missing privilege: " + message, e);
        }
        return new ActionFailedException(doing + " failed: " + message, e);
    }

    public static SQLException findSqlException(Throwable t) {
        return findCause(t, SQLException.class);
    }

    public static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }

    public static boolean hasState(Throwable t, String sqlState) {
        SQLException sql = findSqlException(t);
        return sql != null && sqlState.equals(sql.getSQLState());
    }

    /** Lower-cased SQLState class, e.g. "40" for serialization failures; empty when unknown. */
    public static String stateClass(Throwable t) {
        SQLException sql = findSqlException(t);
        String state = sql == null ? null : sql.getSQLState();
        return state == null || state.length() < 2 ? "" : state.substring(0, 2).toLowerCase(Locale.ROOT);
    }
}
