package io.trickle.engine.refresh;

import io.trickle.engine.api.EffectiveMode;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.CreateResult;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.HistoryEntry;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.StreamTableDetails;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The edges of differential support (issue 10): the guards that send a query to FULL under AUTO and
 * refuse it under DIFFERENTIAL, each with the reason in the history, and the paths that stay
 * differential (semi-naive growth of a recursive CTE, a top-k, OR branches up to the limit).
 */
@Tag("pg15")
class DifferentialCoverageIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static Trickle trickle;

    @BeforeAll
    static void install() throws Exception {
        trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(4));
        trickle.install();
        db.execute("CREATE TABLE cv_orders (id int PRIMARY KEY, cust int, amount int, status text)",
                "CREATE TABLE cv_lines (order_id int, qty int)",
                "CREATE TABLE cv_nodes (id int PRIMARY KEY, parent int, label text NOT NULL)",
                "INSERT INTO cv_orders SELECT i, i % 7, (i * 37) % 100, CASE i % 3 WHEN 0 THEN 'open' WHEN 1 THEN 'done' END"
                        + " FROM generate_series(1, 60) i",
                "INSERT INTO cv_lines SELECT i % 50, i % 5 FROM generate_series(1, 120) i",
                "INSERT INTO cv_nodes SELECT i, CASE WHEN i <= 3 THEN NULL ELSE i / 2 END, 'n' || i % 4 FROM generate_series(1, 40) i");
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

    /** {@code n} conjuncts, each an OR with an EXISTS subquery: 2ⁿ disjoint branches. */
    private static String orsWithSubqueries(int n) {
        List<String> conjuncts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            conjuncts.add("(EXISTS (SELECT 1 FROM cv_lines l WHERE l.order_id = o.id AND l.qty = " + i + ") OR o.amount > "
                    + (10 * (i + 1)) + ")");
        }
        return "SELECT id, amount FROM cv_orders o WHERE " + String.join(" AND ", conjuncts);
    }

    @Test
    void orWithSubqueriesIsDifferentialUpToSixteenBranchesAndFallsBackBeyond() throws Exception {
        String sixteen = orsWithSubqueries(4);
        CreateResult ok = trickle.create(CreateRequest.of("cv_or16", sixteen).mode(RefreshMode.DIFFERENTIAL));
        assertEquals(EffectiveMode.DIFFERENTIAL, ok.effectiveMode());
        db.execute("UPDATE cv_orders SET amount = 100 - amount WHERE id % 4 = 0", "DELETE FROM cv_lines WHERE qty = 2",
                "INSERT INTO cv_lines VALUES (5, 0), (6, 1), (7, 3)");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("cv_or16").action());
        assertOracle("cv_or16", sixteen);

        String thirtyTwo = orsWithSubqueries(5);
        TrickleException.InvalidInputException refused = assertThrows(TrickleException.InvalidInputException.class,
                () -> trickle.create(CreateRequest.of("cv_or32", thirtyTwo).mode(RefreshMode.DIFFERENTIAL)));
        assertTrue(refused.getMessage().contains("32 branches (more than 16)"), refused.getMessage());
        assertEquals(0, db.count("SELECT count(*) FROM pg_class WHERE relname = 'cv_or32'"), "nothing left behind");

        CreateResult auto = trickle.create(CreateRequest.of("cv_or32", thirtyTwo));
        assertEquals(EffectiveMode.FULL, auto.effectiveMode());
        assertTrue(auto.fallbackReason().contains("32 branches"), auto.fallbackReason());
        db.execute("UPDATE cv_orders SET amount = amount + 1 WHERE id < 10");
        RefreshResult r = trickle.refresh("cv_or32");
        assertEquals(RefreshAction.FULL, r.action());
        assertTrue(r.reason().contains("32 branches"), r.reason());
        HistoryEntry last = trickle.history("cv_or32", 1).get(0);
        assertEquals("FULL", last.action());
        assertTrue(last.reason().contains("32 branches"), "the history says why: " + last.reason());
        assertOracle("cv_or32", thirtyTwo);
    }

    @Test
    void conditionsBesideAScalarSubqueryBecomeJoinConditionsAndTheSubqueryIsComputedAfterThem() throws Exception {
        // TPC-H q17's shape: before the fix, the comma join was differentiated as a cross product with
        // every condition above the per-row subquery, which filled the disk at scale 0.1.
        String q = "SELECT sum(l.qty) AS small FROM cv_lines l, cv_orders o WHERE o.id = l.order_id AND o.status = 'open'"
                + " AND l.qty < (SELECT avg(l2.qty) FROM cv_lines l2 WHERE l2.order_id = o.id)";
        String tree = trickle.validate(q, RefreshMode.DIFFERENTIAL).operatorTree();
        assertTrue(tree.contains("Join INNER ON o_id = l_order_id") && !tree.contains("ON true"), tree);
        assertTrue(tree.indexOf("SubqueryValue") < tree.indexOf("Join INNER"), "the subquery sits above the join: " + tree);
        assertEquals(EffectiveMode.DIFFERENTIAL, trickle.create(CreateRequest.of("cv_q17", q).mode(RefreshMode.DIFFERENTIAL)).effectiveMode());
        db.execute("INSERT INTO cv_lines VALUES (3, 0), (3, 9), (6, 1)", "DELETE FROM cv_lines WHERE order_id = 9",
                "UPDATE cv_orders SET status = 'open' WHERE id = 10");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("cv_q17").action());
        assertOracle("cv_q17", q);
        trickle.drop("cv_q17", false);
    }

    @Test
    void rowsBesideAnUncorrelatedSubqueryAreReadOnlyWhenItsValueChanges() throws Exception {
        // TPC-H q15's shape: a change to the subquery's body that leaves its value alone needs no row
        // of the outer query recomputed.
        String q = "SELECT id, cust, amount FROM cv_orders WHERE amount = (SELECT max(amount) FROM cv_orders WHERE status = 'open')";
        assertTrue(trickle.validate(q, RefreshMode.DIFFERENTIAL).deltaSql().contains("subquery_changed"));
        assertEquals(EffectiveMode.DIFFERENTIAL, trickle.create(CreateRequest.of("cv_top_open", q).mode(RefreshMode.DIFFERENTIAL)).effectiveMode());
        String[][] rounds = {
            {"INSERT INTO cv_orders VALUES (1001, 1, 5, 'open')"},
            {"INSERT INTO cv_orders VALUES (1002, 2, 250, 'open')", "INSERT INTO cv_orders VALUES (1003, 3, 250, 'done')"},
            {"DELETE FROM cv_orders WHERE id = 1002"},
            {"UPDATE cv_orders SET status = NULL WHERE amount = (SELECT max(amount) FROM cv_orders WHERE status = 'open')"},
        };
        for (String[] round : rounds) {
            db.execute(round);
            RefreshResult r = trickle.refresh("cv_top_open");
            assertTrue(r.action() == RefreshAction.DIFFERENTIAL || r.action() == RefreshAction.NO_DATA, r.toString());
            assertOracle("cv_top_open", q);
        }
        trickle.drop("cv_top_open", false);
        db.execute("DELETE FROM cv_orders WHERE id > 1000", "UPDATE cv_orders SET status = 'open' WHERE status IS NULL AND id % 3 = 0");
    }

    @Test
    void groupingSetsBeyondTheBranchLimitFallBackNamingIt() {
        String cube = "SELECT count(*) FROM cv_orders GROUP BY CUBE (id % 2, id % 3, id % 5, id % 7, cust, status, amount)";
        CreateResult auto = trickle.create(CreateRequest.of("cv_cube", cube));
        assertEquals(EffectiveMode.FULL, auto.effectiveMode());
        assertTrue(auto.fallbackReason().contains("CUBE of 7 elements"), auto.fallbackReason());
        String rollup = "SELECT status, cust, count(*) FROM cv_orders GROUP BY ROLLUP (status, cust)";
        assertEquals(EffectiveMode.DIFFERENTIAL, trickle.create(CreateRequest.of("cv_rollup", rollup).mode(RefreshMode.DIFFERENTIAL)).effectiveMode());
    }

    @Test
    void limitWithoutOrderByIsNotDifferential() {
        CreateResult auto = trickle.create(CreateRequest.of("cv_limit", "SELECT id FROM cv_orders LIMIT 5"));
        assertEquals(EffectiveMode.FULL, auto.effectiveMode());
        assertTrue(auto.fallbackReason().contains("LIMIT/OFFSET without ORDER BY"), auto.fallbackReason());
    }

    @Test
    void aTopKIsMaintainedAndReportedAsDifferential() throws Exception {
        String top = "SELECT id, amount FROM cv_orders ORDER BY amount DESC, id LIMIT 5";
        assertEquals(EffectiveMode.DIFFERENTIAL, trickle.create(CreateRequest.of("cv_top", top).mode(RefreshMode.DIFFERENTIAL)).effectiveMode());
        db.execute("UPDATE cv_orders SET amount = 500 WHERE id = 13", "DELETE FROM cv_orders WHERE id = 55");
        RefreshResult r = trickle.refresh("cv_top");
        assertEquals(RefreshAction.DIFFERENTIAL, r.action());
        assertNull(r.reason(), "a scoped recompute is differential maintenance, not a fallback");
        assertOracle("cv_top", top);
        assertTrue(trickle.show("cv_top").strategy().contains("top-k"), trickle.show("cv_top").strategy());
    }

    @Test
    void aRecursiveCteGrowsSemiNaivelyOnInsertsAndIsRecomputedOnDeletes() throws Exception {
        String tree = "WITH RECURSIVE t(id, root, depth) AS (SELECT id, id, 0 FROM cv_nodes WHERE parent IS NULL"
                + " UNION ALL SELECT n.id, t.root, t.depth + 1 FROM cv_nodes n JOIN t ON n.parent = t.id) SELECT * FROM t";
        assertEquals(EffectiveMode.DIFFERENTIAL, trickle.create(CreateRequest.of("cv_tree", tree).mode(RefreshMode.DIFFERENTIAL)).effectiveMode());
        StreamTableDetails details = trickle.show("cv_tree");
        assertTrue(details.strategy().contains("semi-naive"), details.strategy());
        assertTrue(details.deltaSql().contains("__pgt_sn_"), "the delta holds the seeded recursion");

        // Inserts only, including a chain hanging under new rows: the new rows are derived from the new rows alone.
        db.execute("INSERT INTO cv_nodes VALUES (41, 5, 'x'), (42, 41, 'x'), (43, 42, 'x'), (44, NULL, 'r'), (45, 44, 'y')");
        RefreshResult grown = trickle.refresh("cv_tree");
        assertEquals(RefreshAction.DIFFERENTIAL, grown.action());
        assertEquals(0, grown.rowsDeleted());
        assertTrue(grown.rowsInserted() >= 5, "at least the five new nodes: " + grown.rowsInserted());
        assertOracle("cv_tree", tree);

        // A delete and a re-parenting: recomputed and compared.
        db.execute("DELETE FROM cv_nodes WHERE id = 41", "UPDATE cv_nodes SET parent = 1 WHERE id = 20");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("cv_tree").action());
        assertOracle("cv_tree", tree);

        // UNION (set semantics) leaves out rows it already had.
        String reach = "WITH RECURSIVE r(id) AS (SELECT id FROM cv_nodes WHERE label = 'n1' UNION"
                + " SELECT n.id FROM cv_nodes n JOIN r ON n.parent = r.id) SELECT id FROM r";
        trickle.create(CreateRequest.of("cv_reach", reach).mode(RefreshMode.DIFFERENTIAL));
        db.execute("INSERT INTO cv_nodes VALUES (46, 1, 'n1'), (47, 46, 'z'), (48, 9, 'z')");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("cv_reach").action());
        assertOracle("cv_reach", reach);
    }
}
