package io.trickle.engine.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Locks tables against the application's writers without ever making a writer the victim of a
 * deadlock. A writer that already wrote one of the tables and goes on to write another would wait
 * for the engine, which holds the second and waits for the first: PostgreSQL then aborts one of the
 * two after {@code deadlock_timeout}, and it may be the application's transaction. So the engine
 * waits for the whole set in short attempts, each shorter than {@code deadlock_timeout}, in a
 * savepoint: when an attempt times out it lets go of what it got (the writer finishes) and tries
 * again, until the session's own {@code lock_timeout} (if any) has passed. LOCK, SAVEPOINT and SET
 * take no snapshot, so {@link #lock} may open a REPEATABLE READ transaction whose snapshot must come
 * after the locks.
 *
 * <p>The engine needs only the TRIGGER privilege on a source (issue 18), and LOCK TABLE in a mode
 * that keeps writers out needs UPDATE, DELETE or TRUNCATE. {@link #lockAgainstWriters} takes the
 * same lock (SHARE ROW EXCLUSIVE) the way CREATE TRIGGER does: by writing one of Trickle's triggers
 * on the table again as it is ({@code CREATE OR REPLACE TRIGGER}). Those statements take a snapshot
 * before they wait, so they must run in a READ COMMITTED transaction: while the locks are held no
 * writer changes the tables, so every later statement of it reads the same state of them.
 */
public final class TableLocks {

    /** One attempt's wait; well below PostgreSQL's default deadlock_timeout of one second. */
    static final long ATTEMPT_MS = 200;

    private TableLocks() {
    }

    /** Trigger (on tables that have none of Trickle's) whose only job is to be written again to take the lock. */
    static final String LOCK_TRIGGER = "pgtrickle_lock";
    static final String LOCK_FUNCTION = "pgtrickle_changes.pgtrickle_lock";

    /** {@code LOCK TABLE tables IN mode MODE}, in the given order, in attempts (see above). */
    public static void lock(Connection c, List<String> qualifiedTables, String mode) throws SQLException {
        if (qualifiedTables.isEmpty()) {
            return;
        }
        inAttempts(c, List.of("LOCK TABLE " + String.join(", ", qualifiedTables) + " IN " + mode + " MODE"));
    }

    /**
     * Keeps the writers of {@code tableOids} out until the transaction ends, with only the TRIGGER
     * privilege on them: each gets one of its Trickle triggers written again (a capture or IMMEDIATE
     * trigger without transition tables), or, when it has none, the no-op {@link #LOCK_TRIGGER}
     * (left in place; it fires on TRUNCATE and does nothing). In attempts, in the given order; the
     * transaction must be READ COMMITTED (see above).
     */
    public static void lockAgainstWriters(Connection c, List<Long> tableOids) throws SQLException {
        inAttempts(c, againstWritersStatements(c, tableOids));
    }

    /**
     * The statements {@link #lockAgainstWriters} takes its locks with, to run with others in one
     * {@link #inAttempts} (creating the no-op lock function first when one of them needs it).
     */
    public static List<String> againstWritersStatements(Connection c, List<Long> tableOids) throws SQLException {
        if (tableOids.isEmpty()) {
            return List.of();
        }
        List<String> statements = new ArrayList<>();
        boolean needsFunction = false;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT format('%I.%I', n.nspname, r.relname),
                       (SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                          JOIN pg_namespace pn ON pn.oid = p.pronamespace
                         WHERE t.tgrelid = r.oid AND NOT t.tgisinternal AND t.tgparentid = 0 AND pn.nspname = 'pgtrickle_changes'
                           AND t.tgoldtable IS NULL AND t.tgnewtable IS NULL AND t.tgname <> ?
                         ORDER BY t.tgname LIMIT 1)
                  FROM unnest(?::bigint[]) WITH ORDINALITY AS o(oid, i)
                  JOIN pg_class r ON r.oid = o.oid::oid JOIN pg_namespace n ON n.oid = r.relnamespace
                 WHERE r.relkind IN ('r', 'p')
                 ORDER BY o.i""")) {
            ps.setString(1, LOCK_TRIGGER);
            ps.setArray(2, c.createArrayOf("bigint", tableOids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String definition = rs.getString(2);
                    if (definition != null && definition.startsWith("CREATE TRIGGER ")) {
                        statements.add("CREATE OR REPLACE TRIGGER " + definition.substring("CREATE TRIGGER ".length()));
                    } else {
                        needsFunction = true;
                        statements.add("CREATE OR REPLACE TRIGGER " + LOCK_TRIGGER + " AFTER TRUNCATE ON " + rs.getString(1)
                                + " FOR EACH STATEMENT EXECUTE FUNCTION " + LOCK_FUNCTION + "()");
                    }
                }
            }
        }
        if (needsFunction) {
            createLockFunction(c);
        }
        return statements;
    }

    private static void createLockFunction(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regprocedure('" + LOCK_FUNCTION + "()') IS NOT NULL")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return;
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE FUNCTION " + LOCK_FUNCTION + "() RETURNS trigger LANGUAGE plpgsql"
                    + " SET search_path = pg_catalog, pg_temp AS 'BEGIN RETURN NULL; END'");
            st.execute("REVOKE ALL ON FUNCTION " + LOCK_FUNCTION + "() FROM PUBLIC");
        }
    }

    /** Runs the lock-taking statements in one savepoint per attempt (see above). */
    public static void inAttempts(Connection c, List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        try (Statement st = c.createStatement()) {
            String before = show(st, "lock_timeout");
            long limitMs = milliseconds(st, "lock_timeout");
            long attemptMs = Math.max(1, Math.min(ATTEMPT_MS, milliseconds(st, "deadlock_timeout") / 2));
            long deadline = limitMs > 0 ? System.nanoTime() + limitMs * 1_000_000 : Long.MAX_VALUE;
            st.execute("SET LOCAL lock_timeout = " + attemptMs);
            while (true) {
                Savepoint attempt = c.setSavepoint();
                try {
                    for (String lock : statements) {
                        st.execute(lock);
                    }
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
