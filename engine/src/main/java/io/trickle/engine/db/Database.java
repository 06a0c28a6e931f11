package io.trickle.engine.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The engine's connections: a HikariCP pool whose sessions show up in {@code pg_stat_activity} as
 * application {@code trickle}, and a transaction template. Opening fails at once, with a message
 * that names host, port and database, when no session can be had.
 */
public final class Database implements AutoCloseable {

    /** What the pool must be able to do; the command line needs far less than the daemon. */
    public record PoolOptions(int maxConnections, String applicationName, Duration connectTimeout) {
        public static PoolOptions oneShot() {
            return new PoolOptions(2, "trickle", Duration.ofSeconds(10));
        }

        public PoolOptions withMaxConnections(int n) {
            return new PoolOptions(n, applicationName, connectTimeout);
        }

        public PoolOptions withApplicationName(String name) {
            return new PoolOptions(maxConnections, name, connectTimeout);
        }
    }

    private final HikariDataSource pool;
    private final DataSource sessions;
    private final ConnectionTarget target;

    private Database(HikariDataSource pool, DataSource sessions, ConnectionTarget target) {
        this.pool = pool;
        this.sessions = sessions;
        this.target = target;
    }

    /**
     * The same pool seen through {@code decorate} — instrumentation such as the tests that count the
     * statements a refresh sends. Closing either closes the pool.
     */
    public Database decorated(java.util.function.UnaryOperator<DataSource> decorate) {
        return new Database(pool, decorate.apply(sessions), target);
    }

    public static Database open(ConnectionTarget target, PoolOptions options) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("trickle");
        config.setJdbcUrl(target.jdbcUrl());
        config.setMaximumPoolSize(options.maxConnections());
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, options.connectTimeout().toMillis()));
        config.setInitializationFailTimeout(1);
        config.setAutoCommit(true);
        config.setExceptionOverrideClassName(FeatureErrorsKeepSessions.class.getName());
        config.addDataSourceProperty("ApplicationName", options.applicationName());
        config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, options.connectTimeout().toSeconds())));
        // The engine quotes every identifier itself and binds every value; keep the driver plain.
        config.addDataSourceProperty("stringtype", "unspecified");
        // No function or operator a tenant creates may ever be chosen in the engine's SQL (issue 18).
        config.setConnectionInitSql(SearchPaths.SESSION_INIT);
        // HikariCP takes SQLSTATE 0A000 (feature_not_supported) for a dead session; PostgreSQL raises it
        // for a statement it refuses — a view with a data-modifying WITH, say — on a session that is
        // fine. Evicting it closed the connection under the caller, who then reported "Connection is
        // closed" instead of PostgreSQL's words (issue 18, F13).
        config.setExceptionOverride(new SQLExceptionOverride() {
            @java.lang.Override
            public Override adjudicate(SQLException e) {
                return "0A000".equals(e.getSQLState()) ? Override.DO_NOT_EVICT : Override.CONTINUE_EVICT;
            }
        });
        try {
            HikariDataSource pool = new HikariDataSource(config);
            return new Database(pool, pool, target);
        } catch (RuntimeException e) {
            throw SqlErrors.noSession(e, target);
        }
    }

    public ConnectionTarget target() {
        return target;
    }

    public DataSource dataSource() {
        return sessions;
    }

    /** The most sessions the pool opens at once. */
    public int maxConnections() {
        return pool.getMaximumPoolSize();
    }

    /** Runs {@code work} on a pooled connection in autocommit mode. */
    public <T> T withConnection(String doing, SqlWork<T> work) {
        try (Connection c = sessions.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw SqlErrors.acting(doing, e, target);
        }
    }

    /** Runs {@code work} in one READ COMMITTED transaction: commit on return, rollback on any failure. */
    public <T> T transaction(String doing, SqlWork<T> work) {
        return transaction(doing, Connection.TRANSACTION_READ_COMMITTED, work);
    }

    public <T> T transaction(String doing, int isolation, SqlWork<T> work) {
        try (Connection c = sessions.getConnection()) {
            return inTransaction(c, isolation, work);
        } catch (SQLException e) {
            throw SqlErrors.acting(doing, e, target);
        }
    }

    /**
     * Runs {@code work} in a transaction on a connection the caller holds. The connection is left in
     * autocommit mode afterwards, whatever happened.
     */
    public static <T> T inTransaction(Connection c, int isolation, SqlWork<T> work) throws SQLException {
        int previousIsolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(isolation);
        boolean committed = false;
        Throwable failure = null;
        try {
            T result = work.run(c);
            c.commit();
            committed = true;
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            failure = e;
            rollbackQuietly(c, e);
            throw e;
        } finally {
            if (!committed) {
                rollbackQuietly(c, null);
            }
            try {
                c.setAutoCommit(true);
                c.setTransactionIsolation(previousIsolation);
            } catch (SQLException restore) {
                // A session that died under the work (terminated, server restarted) is closed by the
                // pool: its "Connection is closed" must not hide why the work failed.
                if (failure == null) {
                    throw restore;
                }
                failure.addSuppressed(restore);
            }
        }
    }

    /**
     * Runs {@code work} in a REPEATABLE READ transaction that only looks: one snapshot for every
     * statement of {@code work}, rolled back afterwards whatever happened, the connection back in
     * autocommit mode. What the scheduler's probes use to see the catalog, the locks and the buffers
     * as of one instant. SQL errors reach the caller as they are.
     */
    public <T> T inSnapshot(SqlWork<T> work) throws SQLException {
        try (Connection c = sessions.getConnection()) {
            int previousIsolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return work.run(c);
            } finally {
                rollbackQuietly(c, null);
                c.setAutoCommit(true);
                c.setTransactionIsolation(previousIsolation);
            }
        }
    }

    private static void rollbackQuietly(Connection c, Throwable primary) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException rollbackFailure) {
            if (primary != null) {
                primary.addSuppressed(rollbackFailure);
            }
        }
    }

    /** Executes one statement with bound parameters; returns the update count. */
    public static int execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
