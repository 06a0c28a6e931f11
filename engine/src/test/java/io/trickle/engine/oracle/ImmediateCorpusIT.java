package io.trickle.engine.oracle;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The oracle over the corpus in IMMEDIATE mode (issue 21, item 8): every corpus query is created as
 * an IMMEDIATE stream table, then seeded random statements run in transactions of random sizes, and
 * the table must equal its query after every statement inside the writing transaction (the writer
 * reads its own change), after every commit (read from another session), and after a savepoint
 * rolled back (what the rolled-back statements maintained is rolled back with them). Fewer rounds
 * than the differential corpus (each statement is checked, not each round): {@code
 * -Dtrickle.immediateRounds=<n>} for a longer soak, {@code -Dtrickle.seed=<seed>} to replay.
 */
@Tag("pg15")
class ImmediateCorpusIT {

    private static final long SEED = Long.getLong("trickle.seed", 20_261_207L);
    private static final int ROUNDS = Integer.getInteger("trickle.immediateRounds", 3);

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static Trickle trickle;

    @BeforeAll
    static void schema() throws Exception {
        trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(4));
        trickle.install();
        db.execute(Corpus.resource("/corpus/schema.sql"));
        try (Connection c = db.connect()) {
            RandomChanges.run(c, List.of(new RandomChanges(SEED, 1000).initialData()));
        }
    }

    @AfterAll
    static void close() {
        if (trickle != null) {
            trickle.close();
        }
    }

    @TestFactory
    Stream<DynamicContainer> everyCorpusQueryStaysEqualToItsQueryInsideTheWritingTransaction() {
        List<DynamicContainer> sets = new ArrayList<>();
        int index = 0;
        for (String set : CorpusPropertyIT.SETS) {
            List<DynamicTest> tests = new ArrayList<>();
            for (Corpus.Entry e : Corpus.load(set)) {
                index++;
                long seed = SEED + index;
                int firstId = 10_000 * index;
                String name = set + "_" + e.name();
                tests.add(DynamicTest.dynamicTest(e.name(), () -> check(name, e, seed, firstId)));
            }
            sets.add(DynamicContainer.dynamicContainer(set, tests));
        }
        return sets.stream();
    }

    /**
     * The corpus's partitioned table and inheritance parent (issue 19). IMMEDIATE's statement triggers
     * fire only for statements naming their own table, so IMMEDIATE refuses a source in such a tree
     * ({@code ImmediateCliIT} checks the refusal): these queries are skipped here, naming the gap, until
     * IMMEDIATE places its triggers as {@code cdc.CaptureTriggers} does (by row, or on every level).
     */
    private static final Pattern TREE_SOURCE = Pattern.compile("\\b(shipments|events)(_\\w+)?\\b");

    private static void check(String name, Corpus.Entry e, long seed, int firstId) throws Exception {
        Assumptions.assumeFalse(TREE_SOURCE.matcher(e.query()).find(),
                "IMMEDIATE refuses sources in a partition or inheritance tree (a write naming a partition or child fires no trigger on the source)");
        String st = "imm_" + name;
        trickle.create(st, e.query(), null, "IMMEDIATE", true);
        RandomChanges changes = new RandomChanges(seed, firstId);
        try (Connection writer = db.connect(); Connection reader = db.connect()) {
            Oracle.assertMatches(reader, "public", st, e.query());
            for (int round = 1; round <= ROUNDS; round++) {
                String where = e.name() + " round " + round + " (seed " + seed + ")";
                List<List<String>> txs = round % 3 == 0 ? changes.insertRound() : changes.round();
                writer.setAutoCommit(false);
                try (Statement s = writer.createStatement()) {
                    for (int t = 0; t < txs.size(); t++) {
                        List<String> tx = txs.get(t);
                        // The second transaction of a round first runs in a savepoint that is rolled back.
                        if (t == 1) {
                            Savepoint sp = writer.setSavepoint();
                            runChecked(s, writer, st, e, tx, where + " in a savepoint");
                            writer.rollback(sp);
                            matches(writer, st, e, where + " after ROLLBACK TO SAVEPOINT");
                        }
                        runChecked(s, writer, st, e, tx, where);
                        writer.commit();
                        matches(reader, st, e, where + " after commit, read by another session");
                    }
                } catch (SQLException | RuntimeException | Error failure) {
                    writer.rollback();
                    throw failure;
                } finally {
                    writer.setAutoCommit(true);
                }
            }
        }
        trickle.drop(st, false);
    }

    private static void runChecked(Statement s, Connection writer, String st, Corpus.Entry e, List<String> statements,
                                   String where) throws SQLException {
        for (String sql : statements) {
            s.execute(sql);
            matches(writer, st, e, where + " after " + sql);
        }
    }

    private static void matches(Connection c, String st, Corpus.Entry e, String where) throws SQLException {
        try {
            Oracle.assertMatches(c, "public", st, e.query());
        } catch (AssertionError failure) {
            throw new AssertionError(where + ": " + failure.getMessage(), failure);
        }
    }
}
