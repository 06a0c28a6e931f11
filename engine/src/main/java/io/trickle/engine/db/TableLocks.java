package io.trickle.engine.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;

/**
 * Locks tables against the application's writers without ever making a writer the victim of a
 * deadlock. A writer that already wrote one of the tables and goes on to write another would wait
 * for the engine, which holds the second and waits for the first: PostgreSQL then aborts one of the
 * two after {@code deadlock_timeout}, and it may be the application's transaction. So the engine
 * waits for the whole set in short attempts, each shorter than {@code deadlock_timeout}, in a
 * savepoint: when an attempt times out it lets go of what it got (the writer finishes) and tries
 * again, until the session's own {@code lock_timeout} (if any) has passed. LOCK, SAVEPOINT and SET
 * take no snapshot, so this may open a REPEATABLE READ transaction whose snapshot must come after
 * the locks.
 */
public final class TableLocks {

    /** One attempt's wait; well below PostgreSQL's default deadlock_timeout of one second. */
    static final long ATTEMPT_MS = 200;

    private TableLocks() {
    }

    /** {@code LOCK TABLE tables IN mode MODE}, in the given order, in attempts (see above). */
    public static void lock(Connection c, List<String> qualifiedTables, String mode) throws SQLException {
        if (qualifiedTables.isEmpty()) {
            return;
        }
        String lock = "LOCK TABLE " + String.join(", ", qualifiedTables) + " IN " + mode + " MODE";
        try (Statement st = c.createStatement()) {
            String before = show(st, "lock_timeout");
            long limitMs = milliseconds(st, "lock_timeout");
            long attemptMs = Math.max(1, Math.min(ATTEMPT_MS, milliseconds(st, "deadlock_timeout") / 2));
            long deadline = limitMs > 0 ? System.nanoTime() + limitMs * 1_000_000 : Long.MAX_VALUE;
            st.execute("SET LOCAL lock_timeout = " + attemptMs);
            while (true) {
                Savepoint attempt = c.setSavepoint();
                try {
                    st.execute(lock);
                    c.releaseSavepoint(attempt);
                    break;
                } catch (SQLException e) {
                    c.rollback(attempt);
                    if (!"55P03".equals(e.getSQLState()) || System.nanoTime() > deadline) {
                        st.execute("SET LOCAL lock_timeout = " + PgQuote.literal(before));
                        throw e;
                    }
                }
            }
            st.execute("SET LOCAL lock_timeout = " + PgQuote.literal(before));
        }
    }

    private static String show(Statement st, String setting) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A time setting in milliseconds (SHOW takes no snapshot, unlike a query of pg_settings). */
    private static long milliseconds(Statement st, String setting) throws SQLException {
        String text = show(st, setting).trim();
        int unit = 0;
        while (unit < text.length() && Character.isDigit(text.charAt(unit))) {
            unit++;
        }
        long value = unit == 0 ? 0 : Long.parseLong(text.substring(0, unit));
        return switch (text.substring(unit)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            case "min" -> value * 60_000;
            case "h" -> value * 3_600_000;
            case "d" -> value * 86_400_000;
            default -> value; // "ms" or no unit
        };
    }
}
