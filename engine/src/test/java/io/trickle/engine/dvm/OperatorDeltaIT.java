package io.trickle.engine.dvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.db.PgQuote;
import io.trickle.engine.dvm.op.DeltaReads;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.render.ReservedNames;
import io.trickle.engine.dvm.render.SourceWindows;
import io.trickle.engine.dvm.render.SqlWriter;
import io.trickle.engine.dvm.render.State;
import io.trickle.engine.dvm.translate.QueryTranslator;
import io.trickle.engine.sql.PgType;
import io.trickle.engine.sql.ProbeResult;
import io.trickle.engine.sql.QueryProbe;
import io.trickle.engine.sql.QueryText;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationCatalog;
import io.trickle.engine.sql.TypeProbe;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each operator's delta rule on its own, before the 150-query corpus (issue 15): for one small query
 * per operator ({@link OperatorCases}),
 * <ul>
 * <li>the FULL and delta SQL the engine writes equal the reviewed files under
 * {@code src/test/resources/golden/dvm/} ({@code -Dgolden.update=true} rewrites them), and what the
 * delta reads agrees with what the tree's operators declare ({@link DeltaReads});</li>
 * <li>on a real database, after seeded random changes, the storage rows before the window plus the
 * delta, as a weighted multiset, equal the storage rows after it: q(before) ⊎ Δ = q(after).</li>
 * </ul>
 * The change windows are computed here as the consolidated difference of each source before and
 * after (the contract of {@link SourceWindows}), so a failure points at the rule, not at capture.
 * Replay with {@code -Dtrickle.seed=<seed>}; {@code -Dtrickle.rounds=<n>} runs longer.
 */
@Tag("pg15")
class OperatorDeltaIT {

    private static final long SEED = Long.getLong("trickle.seed", 20_261_215L);
    private static final int ROUNDS = Integer.getInteger("trickle.rounds", 6);
    private static final String STORAGE = "st";

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @BeforeAll
    static void schema() {
        db.execute(OperatorCases.SCHEMA);
        db.execute(OperatorCases.initialData().toArray(String[]::new));
    }

    @Test
    void everyOperatorHasACaseAndEachCaseHasItsOperator() throws SQLException {
        Set<Class<?>> covered = OperatorCases.ALL.stream().map(OperatorCases.Case::operator).collect(Collectors.toSet());
        assertEquals(Set.of(Operator.class.getPermittedSubclasses()), covered,
                "every operator needs a case in OperatorCases (a golden file and an oracle check)");
        try (Connection c = db.connect()) {
            for (OperatorCases.Case e : OperatorCases.ALL) {
                assertTrue(contains(plan(c, e.query()).tree(), e.operator()),
                        e.name() + " is about " + e.operator().getSimpleName() + " but its tree has none:\n"
                                + plan(c, e.query()).tree().explain());
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> eachOperatorWritesTheReviewedSql() {
        return OperatorCases.ALL.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> {
            try (Connection c = db.connect()) {
                DvmPlan plan = plan(c, e.query());
                SourceWindows windows = windows(plan);
                String text = "-- " + e.name() + ": " + e.operator().getSimpleName() + "\n"
                        + "-- query: " + e.query() + "\n"
                        + plan.explain().lines().map(l -> "-- " + l).collect(Collectors.joining("\n")) + "\n\n"
                        + "-- FULL\n" + GoldenSql.layout(plan.fullSql()) + "\n\n"
                        + "-- DELTA\n" + GoldenSql.layout(plan.deltaSql(windows, STORAGE)) + "\n";
                GoldenSql.check("dvm/" + e.name() + ".sql", text);
                assertReadsWhatItDeclares(e, plan, plan.statesReadByDelta(windows, STORAGE));
            }
        }));
    }

    /**
     * A delta may read the sources before the window only if an operator says its rule does (the
     * planner's check for keyless sources relies on it), and a tree of linear operators reads no state.
     */
    private static void assertReadsWhatItDeclares(OperatorCases.Case e, DvmPlan plan, Set<State> read) {
        Operator kept = plan.keptInStorage().orElse(null);
        List<DeltaReads> declared = new ArrayList<>();
        collect(plan.tree(), kept, declared);
        if (read.contains(State.OLD)) {
            assertTrue(declared.contains(DeltaReads.OLD_STATE), e.name() + " reads the sources before the window, but no"
                    + " operator of its tree declares OLD_STATE: " + declared);
        }
        if (kept == null && declared.stream().allMatch(DeltaReads::linear)) {
            assertEquals(Set.of(), read, e.name() + ": a tree of linear operators reads only the windows");
        }
    }

    private static void collect(Operator op, Operator kept, List<DeltaReads> out) {
        if (op != kept) {
            out.add(op.deltaReads());
        }
        op.inputs().forEach(in -> collect(in, kept, out));
    }

    @TestFactory
    Stream<DynamicTest> eachOperatorsDeltaTakesTheRowsBeforeToTheRowsAfter() {
        return OperatorCases.ALL.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> {
            long seed = SEED + e.name().hashCode();
            try (Connection c = db.connect()) {
                reset(c);
                DvmPlan plan = plan(c, e.query());
                Random random = new Random(seed);
                int[] nextId = {100};
                int changed = 0;
                for (int round = 1; round <= ROUNDS; round++) {
                    List<String> changes = OperatorCases.round(random, round % 3 == 0, nextId);
                    String where = e.name() + " round " + round + " (seed " + seed + ")";
                    changed += checkRound(c, plan, changes, where) ? 1 : 0;
                }
                assertTrue(changed > 0, e.name() + ": no round changed the result, so nothing was checked");
            }
        }));
    }

    /**
     * Keeps q(before) as the storage table, applies the changes, builds the windows, and checks that
     * the rows before plus the delta equal the rows after. Returns whether the delta changed anything.
     */
    private static boolean checkRound(Connection c, DvmPlan plan, List<String> changes, String where) throws SQLException {
        List<StorageColumn> storage = plan.storage();
        execute(c, "DROP TABLE IF EXISTS " + STORAGE, "CREATE TEMP TABLE " + STORAGE + " AS SELECT " + rowId(plan, "f") + " AS "
                + ReservedNames.ROW_ID + ", f.* FROM (" + plan.fullSql() + ") f");
        Map<Relation, Set<String>> sources = plan.sourceColumns();
        for (Relation r : sources.keySet()) {
            execute(c, "DROP TABLE IF EXISTS before_" + r.name(), "CREATE TEMP TABLE before_" + r.name() + " AS SELECT * FROM "
                    + PgQuote.qualified(r.schema(), r.name()));
        }
        execute(c, changes.toArray(String[]::new));
        for (Map.Entry<Relation, Set<String>> s : sources.entrySet()) {
            Relation r = s.getKey();
            String cols = s.getValue().stream().map(PgQuote::ident).collect(Collectors.joining(", "));
            execute(c, "DROP TABLE IF EXISTS " + window(r), "CREATE TEMP TABLE " + window(r) + " AS SELECT " + cols + ", sum(w)::bigint AS "
                    + ReservedNames.WEIGHT + " FROM (SELECT " + cols + ", 1 AS w FROM " + PgQuote.qualified(r.schema(), r.name())
                    + " UNION ALL SELECT " + cols + ", -1 FROM before_" + r.name() + ") x GROUP BY " + cols
                    + " HAVING sum(w) <> 0");
        }
        String delta = plan.deltaSql(windows(plan), STORAGE);
        // Each storage row as comparable values c0, c1, … with a count: +1 before, the delta's weight, −1 after.
        List<String> values = new ArrayList<>();
        List<String> grouped = new ArrayList<>();
        for (int i = 0; i < storage.size(); i++) {
            values.add(SqlWriter.comparable("s." + PgQuote.ident(storage.get(i).name()), storage.get(i).type()) + " AS c" + i);
            grouped.add("x.c" + i);
        }
        String list = String.join(", ", values);
        String byRow = String.join(", ", grouped);
        String mismatch = "SELECT " + byRow + ", sum(x.n) AS n FROM ("
                + "SELECT " + list + ", 1::bigint AS n FROM " + STORAGE + " s"
                + " UNION ALL SELECT " + list + ", s." + ReservedNames.WEIGHT + " FROM (" + delta + ") s"
                + " UNION ALL SELECT " + list + ", -1::bigint FROM (" + plan.fullSql() + ") s) x"
                + " GROUP BY " + byRow + " HAVING sum(x.n) <> 0 LIMIT 10";
        List<String> wrong = rows(c, mismatch);
        if (!wrong.isEmpty()) {
            throw new AssertionError(where + ": the rows before plus the delta differ from the rows after; rows with how"
                    + " many more the left side has: " + wrong + "\n" + plan.explain() + "delta:\n" + delta);
        }
        return !rows(c, "SELECT " + byRow + " FROM (SELECT " + list + ", s." + ReservedNames.WEIGHT + " AS w FROM (" + delta
                + ") s) x GROUP BY " + byRow + " HAVING sum(x.w) <> 0 LIMIT 1").isEmpty();
    }

    /** The storage row id the engine keeps (DESIGN §2): the hash of the key, or of the whole row. */
    private static String rowId(DvmPlan plan, String alias) {
        List<String> values = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        RowIdentity id = plan.identity();
        for (StorageColumn col : plan.storage()) {
            if (!id.keyed() || id.keyColumns().contains(col.name())) {
                values.add(alias + "." + PgQuote.ident(col.name()));
                types.add(col.type());
            }
        }
        return SqlWriter.rowId(values, types);
    }

    private static String window(Relation r) {
        return "w_" + r.name();
    }

    private static SourceWindows windows(DvmPlan plan) {
        Map<Long, String> out = new HashMap<>();
        plan.sourceColumns().keySet().forEach(r -> out.put(r.oid(), window(r)));
        return new SourceWindows(out);
    }

    /** Translates and plans a query as the engine does for DIFFERENTIAL (without qualifying its names). */
    private static DvmPlan plan(Connection c, String query) throws SQLException {
        c.setAutoCommit(false);
        try {
            RelationCatalog catalog = new RelationCatalog(c);
            ProbeResult probe = QueryProbe.probe(c, QueryText.check(query), catalog);
            Operator tree = QueryTranslator.translate(query, catalog);
            List<String> names = probe.outputColumns().stream().map(ProbeResult.OutputColumn::name).toList();
            return DvmPlanner.plan(tree, names, queries -> {
                try {
                    return TypeProbe.typesOf(c, queries);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private static boolean contains(Operator op, Class<?> type) {
        return type.isInstance(op) || op.inputs().stream().anyMatch(in -> contains(in, type));
    }

    private static void reset(Connection c) throws SQLException {
        execute(c, "TRUNCATE " + String.join(", ", OperatorCases.TABLES));
        execute(c, OperatorCases.initialData().toArray(String[]::new));
    }

    private static void execute(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                out.add(Arrays.toString(row));
            }
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\n" + sql, e.getSQLState(), e);
        }
        return out;
    }
}
