package io.trickle.engine.scheduler;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.SchedulerOptions;
import io.trickle.engine.api.SchedulerRole;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Engines and schedulers for scheduler tests, against one {@link TestDatabase}. */
final class SchedulerFixture {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    private SchedulerFixture() {
    }

    /** An engine with a pool big enough for a scheduler. */
    static Trickle engine(TestDatabase db) {
        return engine(db.jdbcUrl());
    }

    static Trickle engine(String jdbcUrl) {
        return Trickle.open(EngineOptions.forUrl(jdbcUrl).withMaxConnections(8));
    }

    /** Installs the catalog and ticks every 100 ms, the shortest interval the settings allow. */
    static void install(TestDatabase db) {
        install(db.jdbcUrl());
    }

    static void install(String jdbcUrl) {
        try (Trickle t = engine(jdbcUrl)) {
            t.install();
            t.setSetting("scheduler_interval_ms", "100");
        }
    }

    static SchedulerHandle leading(Trickle engine) {
        SchedulerHandle handle = engine.runScheduler(SchedulerOptions.defaults());
        Eventually.await(DEADLINE, () -> handle.role() == SchedulerRole.LEADER, "the scheduler leads");
        return handle;
    }

    static void source(TestDatabase db, String table) {
        source(db.jdbcUrl(), table);
    }

    /** {@code table(id, v, grp)} with 100 rows, owned by the URL's role. */
    static void source(String jdbcUrl, String table) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, v int NOT NULL, grp int NOT NULL)");
            st.execute("INSERT INTO " + table + " SELECT g, g % 17, g % 5 FROM generate_series(1, 100) g");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create source " + table + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the stream table equals its query (the writers must have stopped). */
    static void awaitMatches(TestDatabase db, String table, String query) {
        Eventually.succeeds(DEADLINE, () -> {
            try (Connection c = db.connect()) {
                Oracle.assertMatches(c, "public", table, query);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, table + " catches up with its query");
    }
}
