package io.trickle.engine.cdc;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Typed change capture (issue 13): buffers hold the columns readers use in their own types, an
 * update of columns nobody reads costs no buffer row, a row added and removed in one window cancels,
 * and capture never fails a write — also while a source's owner (not a superuser) changes its columns
 * under live writers.
 */
@Tag("pg15")
class TypedCaptureIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static Trickle trickle;

    @BeforeAll
    static void install() {
        trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(4));
        trickle.install();
    }

    @AfterAll
    static void close() {
        trickle.close();
    }

    private static String buffer(String source) {
        return (String) db.scalar("SELECT 'pgtrickle_changes.' || quote_ident(buffer_table) FROM pgtrickle.pgt_change_tracking"
                + " WHERE source = ?::regclass", source);
    }

    private static void assertOracle(String st, String query) throws SQLException {
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "public", st, query);
        }
    }

    @Test
    void anUpdateOfColumnsNoReaderUsesWritesNoBufferRow() throws Exception {
        StringBuilder wide = new StringBuilder("CREATE TABLE wide (id int PRIMARY KEY, a int, b text");
        for (int i = 1; i <= 57; i++) {
            wide.append(", pad").append(i).append(" text DEFAULT 'padding'");
        }
        db.execute(wide.append(")").toString(), "INSERT INTO wide (id, a, b) SELECT i, i, 'b' || i FROM generate_series(1, 200) i");
        String q = "SELECT id, a FROM wide WHERE a % 2 = 0";
        trickle.create(CreateRequest.of("wide_st", q).mode(RefreshMode.DIFFERENTIAL));
        assertEquals(List.of("xid", "action", "id", "a"), db.strings("SELECT attname FROM pg_attribute WHERE attrelid = "
                + "(SELECT ('pgtrickle_changes.' || quote_ident(buffer_table))::regclass FROM pgtrickle.pgt_change_tracking"
                + " WHERE source = 'wide'::regclass) AND attnum > 0 AND NOT attisdropped ORDER BY attnum"),
                "the buffer holds the columns the reader uses, typed");
        db.execute("UPDATE wide SET pad7 = 'changed', b = 'other'");
        assertEquals(0, db.count("SELECT count(*) FROM " + buffer("wide")), "nobody reads pad7 or b");
        db.execute("UPDATE wide SET a = a + 1 WHERE id <= 10");
        assertEquals(20, db.count("SELECT count(*) FROM " + buffer("wide")), "the old and the new row of each");
        RefreshResult r = trickle.refresh("wide_st");
        assertEquals(RefreshAction.DIFFERENTIAL, r.action());
        assertOracle("wide_st", q);
    }

    @Test
    void aKeylessTableCapturesEveryUpdatedRowAndTheWindowCancelsWhatDidNotChange() throws Exception {
        db.execute("CREATE TABLE bag (a int, b text)", "INSERT INTO bag SELECT i % 5, 'x' FROM generate_series(1, 50) i");
        String q = "SELECT a, count(*) AS n FROM bag GROUP BY a";
        trickle.create(CreateRequest.of("bag_st", q).mode(RefreshMode.DIFFERENTIAL));
        db.execute("UPDATE bag SET b = 'y'", "UPDATE bag SET a = a WHERE a = 1");
        assertEquals(0, db.count("SELECT count(*) FROM " + buffer("bag")),
                "without a key, a statement's old and new rows are netted: nothing a reader sees changed");
        db.execute("UPDATE bag SET a = a + 10 WHERE a = 1");
        assertEquals(20, db.count("SELECT count(*) FROM " + buffer("bag")), "ten copies of a = 1 gone, ten of a = 11 added");
        db.execute("INSERT INTO bag VALUES (3, 'z')", "DELETE FROM bag WHERE b = 'z'");
        RefreshResult r = trickle.refresh("bag_st");
        assertEquals(RefreshAction.DIFFERENTIAL, r.action());
        assertEquals(2, r.rowsInserted() + r.rowsDeleted(), "group 1 gone, group 11 added; the (3, z) row cancelled");
        assertOracle("bag_st", q);
    }

    @Test
    void aRowAddedAndRemovedInOneWindowCancelsBeforeTheDelta() throws Exception {
        db.execute("CREATE TABLE blink (id int PRIMARY KEY, v int)", "INSERT INTO blink VALUES (1, 1)");
        trickle.create(CreateRequest.of("blink_st", "SELECT id, v FROM blink").mode(RefreshMode.DIFFERENTIAL));
        db.execute("INSERT INTO blink VALUES (2, 2)", "DELETE FROM blink WHERE id = 2");
        RefreshResult r = trickle.refresh("blink_st");
        assertEquals(0, r.rowsInserted() + r.rowsDeleted());
        assertOracle("blink_st", "SELECT id, v FROM blink");
    }

    @Test
    void valuesThatAreEqualButWrittenDifferentlyStayApart() throws Exception {
        db.execute("CREATE TABLE prices (id int PRIMARY KEY, amount numeric)", "INSERT INTO prices VALUES (1, 1.0)");
        trickle.create(CreateRequest.of("prices_st", "SELECT id, amount FROM prices").mode(RefreshMode.DIFFERENTIAL));
        db.execute("UPDATE prices SET amount = 1.00 WHERE id = 1");
        trickle.refresh("prices_st");
        assertEquals("1.00", db.scalar("SELECT amount::text FROM prices_st WHERE id = 1"), "1.00 is not 1.0 to a reader");
    }

    @Test
    void captureNeverFailsAWriteWhileTheOwnerChangesColumnsUnderLiveWriters() throws Exception {
        db.createPlainRole("col_owner", "owner", false);
        db.execute("CREATE TABLE live (id int PRIMARY KEY, v int, note text, extra int)",
                "INSERT INTO live SELECT i, i, 'n', i FROM generate_series(1, 300) i",
                "ALTER TABLE live OWNER TO col_owner");
        assertEquals(false, db.scalar("SELECT rolsuper FROM pg_roles WHERE rolname = 'col_owner'"));
        String q = "SELECT id, v FROM live WHERE v % 3 <> 0";
        trickle.create(CreateRequest.of("live_st", q).mode(RefreshMode.DIFFERENTIAL));
        String ownerUrl = db.jdbcUrl("col_owner", "owner");
        try (Writer writer = new Writer(ownerUrl, "live")) {
            Eventually.await(Duration.ofSeconds(30), () -> writer.writes() > 20, "the application writes");
            for (String ddl : List.of("ALTER TABLE live ADD COLUMN added int DEFAULT 7",
                    "ALTER TABLE live RENAME COLUMN note TO remark",
                    "ALTER TABLE live DROP COLUMN extra",
                    "ALTER TABLE live ALTER COLUMN v TYPE bigint")) {
                try (Connection owner = DriverManager.getConnection(ownerUrl); Statement st = owner.createStatement()) {
                    st.execute(ddl);
                }
                long before = writer.writes();
                Eventually.await(Duration.ofSeconds(30), () -> writer.writes() > before + 10, "writes go on after: " + ddl);
                trickle.refresh("live_st");
            }
            long before = writer.writes();
            Eventually.await(Duration.ofSeconds(30), () -> writer.writes() > before + 10, "writes go on");
            assertNull(writer.failure(), () -> "a write failed: " + writer.failure());
        }
        trickle.refresh("live_st");
        assertOracle("live_st", q);
        assertEquals(List.of("REINITIALIZE"), db.strings("SELECT DISTINCT action FROM pgtrickle.pgt_refresh_history"
                + " WHERE pgt_name = 'live_st' AND action = 'REINITIALIZE'"), "the retype reinitialised the table");
    }

    /** Random inserts, updates and deletes by one role until closed; remembers the first failure. */
    private static final class Writer implements AutoCloseable {
        private final Thread thread;
        private final AtomicLong writes = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean running = true;

        Writer(String url, String table) {
            thread = new Thread(() -> {
                Random random = new Random(13);
                try (Connection c = DriverManager.getConnection(url)) {
                    List<String> statements = new ArrayList<>(List.of(
                            "INSERT INTO " + table + " (id, v) VALUES (?, 1) ON CONFLICT (id) DO UPDATE SET v = excluded.v + 1",
                            "UPDATE " + table + " SET v = v + 1 WHERE id = ?",
                            "DELETE FROM " + table + " WHERE id = ?"));
                    while (running) {
                        try (PreparedStatement ps = c.prepareStatement(statements.get(random.nextInt(3)))) {
                            ps.setInt(1, 1 + random.nextInt(400));
                            ps.executeUpdate();
                        }
                        writes.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "test-writer-" + table);
            thread.setDaemon(true);
            thread.start();
        }

        long writes() {
            if (failure.get() != null) {
                throw new AssertionError("the writer failed", failure.get());
            }
            return writes.get();
        }

        Throwable failure() {
            return failure.get();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(30_000);
        }
    }
}
