package io.trickle.engine.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Partitioned sources and inheritance (issue 19, point 4): capture sees a write whatever level of the
 * tree the statement names; rows that move between partitions, partitions attached, detached,
 * created, dropped and truncated while stream tables are live, and inheritance children added and
 * removed, all leave the stream table equal to its query. Changes to the tree itself (a partition
 * attached with rows, one truncated alone) recompute the table, saying why; plain writes stay
 * differential.
 */
@Tag("pg15")
class PartitionsIT {

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

    private static void assertOracle(String st, String query) throws SQLException {
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "public", st, query);
        }
    }

    private static void assertDifferential(String st, String query) throws SQLException {
        RefreshResult r = trickle.refresh(st, false);
        assertEquals(RefreshAction.DIFFERENTIAL, r.action(), st + ": " + r.reason());
        assertOracle(st, query);
    }

    /** A change to the tree itself recomputes the table, naming the source; the table is right after. */
    private static void assertRecomputed(String st, String query, String source) throws SQLException {
        RefreshResult r = trickle.refresh(st, false);
        assertTrue(r.action() == RefreshAction.REINITIALIZE || r.action() == RefreshAction.FULL, st + ": " + r.action());
        assertTrue(r.reason() != null && r.reason().contains(source), r.reason());
        assertOracle(st, query);
    }

    @Test
    void writesStraightIntoPartitionsAndSubPartitionsAreCaptured() throws SQLException {
        db.execute("CREATE TABLE m (id int, k text, v int) PARTITION BY LIST (k)",
                "CREATE TABLE m_a PARTITION OF m FOR VALUES IN ('a')",
                "CREATE TABLE m_b PARTITION OF m FOR VALUES IN ('b') PARTITION BY RANGE (id)",
                "CREATE TABLE m_b_low PARTITION OF m_b FOR VALUES FROM (0) TO (100)",
                "CREATE TABLE m_b_high PARTITION OF m_b FOR VALUES FROM (100) TO (1000)",
                "INSERT INTO m VALUES (1, 'a', 1), (2, 'b', 2), (150, 'b', 3)");
        String rows = "SELECT id, k, v FROM m";
        String sums = "SELECT k, count(*) AS n, sum(v) AS total FROM m GROUP BY k";
        trickle.create("m_rows", rows, null, "DIFFERENTIAL", true);
        trickle.create("m_sums", sums, null, "DIFFERENTIAL", true);
        db.execute("INSERT INTO m_a VALUES (10, 'a', 10)", "UPDATE m_b_low SET v = 22 WHERE id = 2",
                "DELETE FROM m_a WHERE id = 1", "INSERT INTO m_b VALUES (160, 'b', 16)", "UPDATE m_b SET v = v + 1");
        assertDifferential("m_rows", rows);
        assertDifferential("m_sums", sums);
        // rows that move between partitions, through the parent
        db.execute("UPDATE m SET k = 'b' WHERE id = 10", "UPDATE m SET id = id + 100 WHERE id = 2");
        assertDifferential("m_rows", rows);
        assertDifferential("m_sums", sums);
    }

    @Test
    void partitionsAttachedDetachedCreatedDroppedAndTruncatedKeepTheTableRight() throws SQLException {
        db.execute("CREATE TABLE p (id int, day int, v int) PARTITION BY RANGE (day)",
                "CREATE TABLE p_1 PARTITION OF p FOR VALUES FROM (1) TO (2)",
                "CREATE TABLE p_2 PARTITION OF p FOR VALUES FROM (2) TO (3)",
                "INSERT INTO p SELECT i, 1 + i % 2, i FROM generate_series(1, 20) i");
        String q = "SELECT day, count(*) AS n, sum(v) AS total FROM p GROUP BY day";
        trickle.create("p_days", q, null, "DIFFERENTIAL", true);

        db.execute("CREATE TABLE p_3 (id int, day int, v int)", "INSERT INTO p_3 VALUES (100, 3, 100), (101, 3, 101)",
                "ALTER TABLE p ATTACH PARTITION p_3 FOR VALUES FROM (3) TO (4)");
        assertRecomputed("p_days", q, "p");
        db.execute("INSERT INTO p_3 VALUES (102, 3, 102)", "UPDATE p SET v = v * 2 WHERE day = 3");
        assertDifferential("p_days", q);

        db.execute("CREATE TABLE p_4 PARTITION OF p FOR VALUES FROM (4) TO (5)", "INSERT INTO p_4 VALUES (200, 4, 1)");
        RefreshResult afterCreate = trickle.refresh("p_days", false);
        assertNotEquals(RefreshAction.NO_DATA, afterCreate.action());
        assertOracle("p_days", q);
        db.execute("INSERT INTO p_4 VALUES (201, 4, 2)");
        assertDifferential("p_days", q);

        db.execute("ALTER TABLE p DETACH PARTITION p_1");
        assertRecomputed("p_days", q, "p");
        db.execute("TRUNCATE p_2");
        assertRecomputed("p_days", q, "p");
        db.execute("DROP TABLE p_3");
        assertRecomputed("p_days", q, "p");
        db.execute("INSERT INTO p VALUES (300, 2, 5), (301, 4, 6)");
        assertDifferential("p_days", q);
    }

    @Test
    void aStreamTableOverOnePartitionSeesWritesThroughTheParent() throws SQLException {
        db.execute("CREATE TABLE q (id int, k text) PARTITION BY LIST (k)",
                "CREATE TABLE q_a PARTITION OF q FOR VALUES IN ('a')", "CREATE TABLE q_b PARTITION OF q FOR VALUES IN ('b')",
                "INSERT INTO q VALUES (1, 'a'), (2, 'b')");
        String q = "SELECT id, k FROM q_a";
        trickle.create("q_only_a", q, null, "DIFFERENTIAL", true);
        db.execute("INSERT INTO q VALUES (3, 'a'), (4, 'b')", "UPDATE q SET id = 11 WHERE id = 1",
                "UPDATE q SET k = 'a' WHERE id = 2", "DELETE FROM q WHERE id = 3");
        assertDifferential("q_only_a", q);
        db.execute("TRUNCATE q");
        assertRecomputed("q_only_a", q, "q_a");
    }

    @Test
    void inheritanceChildrenAreCapturedAndMayComeAndGo() throws SQLException {
        db.execute("CREATE TABLE par (id int, v int)", "CREATE TABLE chi (extra text) INHERITS (par)",
                "INSERT INTO par VALUES (1, 1)", "INSERT INTO chi VALUES (2, 2, 'x')");
        String q = "SELECT id, v FROM par";
        String total = "SELECT count(*) AS n, sum(v) AS total FROM par";
        trickle.create("par_rows", q, null, "DIFFERENTIAL", true);
        trickle.create("par_total", total, null, "DIFFERENTIAL", true);
        db.execute("INSERT INTO chi VALUES (3, 3, 'y')", "UPDATE par SET v = v + 10", "DELETE FROM chi WHERE id = 2");
        assertDifferential("par_rows", q);
        assertDifferential("par_total", total);

        db.execute("CREATE TABLE chi2 () INHERITS (par)", "INSERT INTO chi2 VALUES (4, 4)");
        RefreshResult added = trickle.refresh("par_rows", false);
        assertNotEquals(RefreshAction.NO_DATA, added.action());
        assertOracle("par_rows", q);
        db.execute("INSERT INTO chi2 VALUES (5, 5)", "UPDATE chi2 SET v = 50 WHERE id = 5");
        assertDifferential("par_rows", q);

        db.execute("ALTER TABLE chi NO INHERIT par");
        assertRecomputed("par_rows", q, "par");
        assertRecomputed("par_total", total, "par");
        db.execute("INSERT INTO chi VALUES (6, 6, 'gone')", "INSERT INTO par VALUES (7, 7)");
        assertDifferential("par_rows", q);
    }
}
