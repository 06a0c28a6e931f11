package io.trickle.engine.oracle;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The oracle over the corpus (issue 3, item 8; issue 10, item 10): every query is created in explicit DIFFERENTIAL
 * mode, then each round applies seeded random changes to all tables, refreshes the stream table,
 * checks that the refresh was DIFFERENTIAL and that the table equals its query. Every third round only
 * inserts, which some rules handle by a cheaper path. Replay a failure
 * with {@code -Dtrickle.seed=<seed>}; {@code -Dtrickle.rounds=<n>} runs a longer soak.
 */
@Tag("pg15")
class CorpusPropertyIT {

    private static final long SEED = Long.getLong("trickle.seed", 20_261_124L);
    private static final int ROUNDS = Integer.getInteger("trickle.rounds", 6);

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

    /**
     * The corpus sets: the core of issue 3, the rest of SQL of issue 10, and the tables that are not
     * plain of issue 19 (collations, views, odd names). {@code -Dtrickle.corpus=issue19} runs one set.
     */
    static final List<String> SETS = System.getProperty("trickle.corpus") != null
            ? List.of(System.getProperty("trickle.corpus").split(",")) : List.of("core", "advanced", "issue19");

    @TestFactory
    Stream<DynamicContainer> everyCorpusQueryStaysEqualToItsQuery() {
        List<DynamicContainer> sets = new ArrayList<>();
        int index = 0;
        for (String set : SETS) {
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

    private static void check(String name, Corpus.Entry e, long seed, int firstId) throws Exception {
        String st = "st_" + name;
        trickle.create(CreateRequest.of(st, e.query()).schedule("calculated").mode(RefreshMode.DIFFERENTIAL));
        RandomChanges changes = new RandomChanges(seed, firstId);
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "public", st, e.query());
            for (int round = 1; round <= ROUNDS; round++) {
                RandomChanges.run(c, round % 3 == 0 ? changes.insertRound() : changes.round());
                RefreshResult r = trickle.refresh(st);
                String where = e.name() + " round " + round + " (seed " + seed + ")";
                // NO_DATA when the round left every source of this query alone; never FULL.
                assertTrue(r.action() == RefreshAction.DIFFERENTIAL || r.action() == RefreshAction.NO_DATA,
                        where + ": " + r.action() + " " + r.reason());
                try {
                    Oracle.assertMatches(c, "public", st, e.query());
                } catch (AssertionError failure) {
                    throw new AssertionError(where + ": " + failure.getMessage(), failure);
                }
            }
        }
        trickle.drop(st, false);
    }
}
