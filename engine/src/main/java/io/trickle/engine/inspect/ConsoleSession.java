package io.trickle.engine.inspect;

import io.trickle.engine.api.ColumnInfo;
import io.trickle.engine.api.StatementResult;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.db.ConnectionTarget;
import io.trickle.engine.db.SqlErrors;
import io.trickle.engine.sql.QueryText;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The SQL console's session (see {@link io.trickle.engine.api.SqlConsole} for what read-only means).
 * Read-only rests on two things: pgJDBC begins every transaction of a read-only connection with
 * {@code BEGIN READ ONLY} (even after a COMMIT the DBA typed), and statements that could turn the
 * transaction read-write before its first query (SET TRANSACTION, SET SESSION CHARACTERISTICS, DO)
 * are refused by their first word: only reading statements are let through.
 */
public final class ConsoleSession implements AutoCloseable {

    /** What read-only mode lets through, by first word. */
    static final Set<String> READING = Set.of("select", "with", "values", "table", "explain", "show", "(");

    private final ConnectionTarget target;
    private final Connection connection;
    private volatile Statement running;
    private volatile boolean readOnly;

    private ConsoleSession(ConnectionTarget target, Connection connection, boolean readOnly) {
        this.target = target;
        this.connection = connection;
        this.readOnly = readOnly;
    }

    public static ConsoleSession open(ConnectionTarget target, String applicationName, boolean readOnly) {
        Properties props = new Properties();
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("connectTimeout", "10");
        props.setProperty("tcpKeepAlive", "true");
        try {
            return new ConsoleSession(target, DriverManager.getConnection(target.jdbcUrl(), props), readOnly);
        } catch (SQLException e) {
            throw SqlErrors.noSession(e, target);
        }
    }

    public synchronized List<StatementResult> run(String script, int maxRows) {
        List<String> statements = QueryText.statements(script);
        if (statements.isEmpty()) {
            throw new InvalidInputException("there is no statement to run");
        }
        if (readOnly) {
            for (String statement : statements) {
                String first = QueryText.firstWord(statement);
                if (!READING.contains(first)) {
                    throw new InvalidInputException("the console is read-only and runs only statements that read ("
                            + "SELECT, WITH, VALUES, TABLE, EXPLAIN, SHOW); "
                            + (first.isEmpty() ? "this one" : first.toUpperCase(Locale.ROOT))
                            + " needs the console switched to read-write");
                }
            }
        }
        List<StatementResult> out = new ArrayList<>();
        try {
            connection.setReadOnly(readOnly);
            connection.setAutoCommit(!readOnly);
            for (String statement : statements) {
                StatementResult result = runOne(statement, maxRows);
                out.add(result);
                if (result.failed()) {
                    break;
                }
            }
            return out;
        } catch (SQLException e) {
            if (SqlErrors.isNoSession(e)) {
                throw SqlErrors.noSession(e, target);
            }
            throw new io.trickle.engine.api.TrickleException.ActionFailedException(e.getMessage(), e);
        } finally {
            endTransaction();
        }
    }

    private StatementResult runOne(String sql, int maxRows) throws SQLException {
        long started = System.nanoTime();
        try (Statement st = connection.createStatement()) {
            running = st;
            st.setMaxRows(maxRows + 1);
            boolean hasRows = st.execute(sql);
            if (!hasRows) {
                return new StatementResult(sql, List.of(), List.of(), false, st.getUpdateCount(), null, millis(started));
            }
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<ColumnInfo> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(new ColumnInfo(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
                }
                List<List<String>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() == maxRows) {
                        truncated = true;
                        break;
                    }
                    List<String> row = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) {
                        String v = rs.getString(i);
                        row.add(v == null || v.length() <= io.trickle.engine.api.RelationPreview.MAX_VALUE_LENGTH ? v
                                : v.substring(0, io.trickle.engine.api.RelationPreview.MAX_VALUE_LENGTH) + "…");
                    }
                    rows.add(row);
                }
                return new StatementResult(sql, columns, rows, truncated, -1, null, millis(started));
            }
        } catch (SQLException e) {
            if (SqlErrors.isNoSession(e)) {
                throw e;
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return new StatementResult(sql, List.of(), List.of(), false, -1, e.getMessage(), millis(started));
        } finally {
            running = null;
        }
    }

    private void endTransaction() {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the session is gone; the next run reports it
        }
    }

    private static double millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000.0;
    }

    public void cancel() {
        Statement st = running;
        if (st != null) {
            RelationReader.cancelQuietly(st);
        }
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public void close() {
        cancel();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a session that is gone
        }
    }
}
