package io.trickle.engine.dvm;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.Join;
import io.trickle.engine.dvm.op.LateralFunction;
import io.trickle.engine.dvm.op.LateralSubquery;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.op.RecursiveCte;
import io.trickle.engine.dvm.op.RecursiveRef;
import io.trickle.engine.dvm.op.Values;
import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.dvm.op.SemiJoin;
import io.trickle.engine.dvm.op.SetOp;
import io.trickle.engine.dvm.op.SubqueryValue;
import io.trickle.engine.dvm.op.TopK;
import io.trickle.engine.dvm.op.UnionAll;
import io.trickle.engine.dvm.op.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One small query per operator (and per variant whose rule differs: outer joins, a scalar or a
 * rescanned aggregate, DISTINCT at the top or inside), over three small tables: {@code t} keyed,
 * {@code u} and {@code edges} keyless with duplicates. Each case names the operator it is about; the
 * tests check that its tree has that operator and that every operator has a case.
 */
final class OperatorCases {

    /** A query and the operator it exercises. */
    record Case(String name, Class<? extends Operator> operator, String query) {
    }

    static final String SCHEMA = """
            CREATE TABLE t (id int PRIMARY KEY, k text, v int);
            CREATE TABLE u (k text, x int);
            CREATE TABLE edges (src int, dst int);
            """;

    /** The tables a case may read, emptied and filled again before each case. */
    static final List<String> TABLES = List.of("t", "u", "edges");

    static final List<Case> ALL = List.of(
            new Case("scan", Scan.class, "SELECT id, k, v FROM t"),
            new Case("scan_keyless", Scan.class, "SELECT k, x FROM u"),
            new Case("filter", Filter.class, "SELECT id, v FROM t WHERE v > 1 OR k IS NULL"),
            new Case("project", Project.class, "SELECT id, coalesce(k, '-') || v AS label, v * 2 AS twice FROM t"),
            new Case("join_inner", Join.class, "SELECT t.id, t.v, u.x FROM t JOIN u ON u.k = t.k"),
            new Case("join_left", Join.class, "SELECT t.id, u.x FROM t LEFT JOIN u ON u.k = t.k"),
            new Case("join_full", Join.class, "SELECT t.id, u.x FROM t FULL JOIN u ON u.k = t.k AND u.x = t.v"),
            new Case("aggregate_algebraic", Aggregate.class,
                    "SELECT k, count(*) AS n, sum(v) AS total, avg(v) AS mean FROM t GROUP BY k"),
            new Case("aggregate_rescan", Aggregate.class, "SELECT k, max(v) AS high FROM t GROUP BY k HAVING count(*) > 1"),
            new Case("aggregate_scalar", Aggregate.class, "SELECT count(*) AS n, sum(x) AS total FROM u"),
            new Case("aggregate_inner", Aggregate.class,
                    "SELECT u.x, c.n FROM u JOIN (SELECT k, count(*) AS n FROM t GROUP BY k) c ON c.k = u.k"),
            new Case("distinct_top", Distinct.class, "SELECT DISTINCT k, x FROM u"),
            new Case("distinct_inner", Distinct.class, "SELECT k, count(*) AS n FROM (SELECT DISTINCT k, v FROM t) d GROUP BY k"),
            new Case("union_all", UnionAll.class, "SELECT k, v FROM t UNION ALL SELECT k, x FROM u"),
            new Case("union", UnionAll.class, "SELECT k FROM t UNION SELECT k FROM u"),
            new Case("intersect", SetOp.class, "SELECT k, v FROM t INTERSECT SELECT k, x FROM u"),
            new Case("except_all", SetOp.class, "SELECT k, v FROM t EXCEPT ALL SELECT k, x FROM u"),
            new Case("semi_join", SemiJoin.class, "SELECT id, k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.x > 1)"),
            new Case("anti_join", SemiJoin.class, "SELECT id FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k)"),
            new Case("subquery_value", SubqueryValue.class, "SELECT id, (SELECT max(x) FROM u WHERE u.k = t.k) AS top FROM t"),
            new Case("lateral_subquery", LateralSubquery.class,
                    "SELECT t.id, s.n FROM t LEFT JOIN LATERAL (SELECT count(*) AS n FROM u WHERE u.k = t.k) s ON true"),
            new Case("lateral_function", LateralFunction.class,
                    "SELECT t.id, g.n FROM t CROSS JOIN LATERAL generate_series(1, t.v) AS g(n)"),
            new Case("window", Window.class, "SELECT id, k, rank() OVER (PARTITION BY k ORDER BY v) AS r FROM t"),
            new Case("topk", TopK.class, "SELECT id, v FROM t ORDER BY v DESC NULLS LAST, id LIMIT 3"),
            new Case("values", Values.class,
                    "SELECT t.id, v.label FROM t JOIN (VALUES ('a', 'A'), ('b', 'B'), ('b', 'B')) AS v(k, label) ON v.k = t.k"),
            new Case("recursive", RecursiveCte.class, "WITH RECURSIVE reach(a, b) AS (SELECT src, dst FROM edges"
                    + " UNION SELECT r.a, e.dst FROM reach r JOIN edges e ON e.src = r.b) SELECT a, b FROM reach"),
            // A base that is an INTERSECT: monotone, so inserts grow the CTE semi-naively (issue 15).
            new Case("recursive_intersect", RecursiveRef.class, "WITH RECURSIVE reach(a, b) AS ((SELECT src, dst FROM edges"
                    + " INTERSECT SELECT dst, src FROM edges) UNION SELECT r.a, e.dst FROM reach r JOIN edges e ON e.src = r.b)"
                    + " SELECT a, b FROM reach"));

    private static final String[] KEYS = {"'a'", "'b'", "'c'", "NULL"};

    private OperatorCases() {
    }

    /** The rows every case starts from. */
    static List<String> initialData() {
        return List.of(
                "INSERT INTO t VALUES (1, 'a', 1), (2, 'a', 3), (3, 'b', 2), (4, 'b', NULL), (5, 'c', 0), (6, NULL, 2)",
                "INSERT INTO u VALUES ('a', 1), ('a', 1), ('b', 2), ('c', 3), (NULL, 2), ('b', NULL)",
                "INSERT INTO edges VALUES (1, 2), (2, 3), (3, 1), (2, 1), (4, 5), (4, 5)");
    }

    /**
     * A seeded round of small changes to all three tables: inserts (NULLs, duplicates), updates of
     * keys and values, deletes; only inserts when {@code insertOnly} (the path some rules take
     * cheaper). {@code nextId} keeps new keys of {@code t} apart.
     */
    static List<String> round(Random random, boolean insertOnly, int[] nextId) {
        List<String> sql = new ArrayList<>();
        for (int i = random.nextInt(3); i >= 0; i--) {
            sql.add("INSERT INTO t VALUES (" + (nextId[0]++) + ", " + key(random) + ", " + value(random) + ")");
            sql.add("INSERT INTO u VALUES (" + key(random) + ", " + value(random) + ")");
            sql.add("INSERT INTO edges VALUES (" + (1 + random.nextInt(5)) + ", " + (1 + random.nextInt(5)) + ")");
        }
        if (insertOnly) {
            return sql;
        }
        sql.add("UPDATE t SET v = " + value(random) + " WHERE id = " + (1 + random.nextInt(nextId[0] - 1)));
        sql.add("UPDATE t SET k = " + key(random) + " WHERE id = " + (1 + random.nextInt(nextId[0] - 1)));
        sql.add("UPDATE t SET id = " + (nextId[0]++) + " WHERE id = " + (1 + random.nextInt(nextId[0] - 2)));
        sql.add("UPDATE u SET x = " + value(random) + " WHERE k IS NOT DISTINCT FROM " + key(random));
        sql.add("UPDATE edges SET dst = " + (1 + random.nextInt(5)) + " WHERE src = " + (1 + random.nextInt(5)));
        sql.add("DELETE FROM t WHERE id = " + (1 + random.nextInt(nextId[0] - 1)));
        sql.add("DELETE FROM u WHERE ctid IN (SELECT ctid FROM u WHERE k IS NOT DISTINCT FROM " + key(random) + " LIMIT 1)");
        sql.add("DELETE FROM edges WHERE ctid IN (SELECT ctid FROM edges WHERE src = " + (1 + random.nextInt(5)) + " LIMIT 1)");
        return sql;
    }

    private static String key(Random random) {
        return KEYS[random.nextInt(KEYS.length)];
    }

    private static String value(Random random) {
        return random.nextInt(6) == 0 ? "NULL" : String.valueOf(random.nextInt(4));
    }
}
