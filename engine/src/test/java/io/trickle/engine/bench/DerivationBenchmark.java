package io.trickle.engine.bench;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.ValidationResult;
import io.trickle.engine.oracle.Corpus;
import io.trickle.engine.testing.TestDatabase;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Plan derivation and delta-SQL generation over the oracle corpus, through the public
 * {@link Trickle#validate} (parse, name and type resolution against the database, the operator tree,
 * the strategy and the delta SQL): the time for one pass over every query of a corpus set, and for
 * one query on average. A developer's benchmark, not a test: {@code mvn -o -pl sql,engine -Pjmh
 * test-compile -Djmh.args='DerivationBenchmark'} (see the engine's pom).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DerivationBenchmark {

    /** The corpus set: core (the everyday shapes) or advanced. */
    @Param({"core", "advanced"})
    public String set;

    private TestDatabase db;
    private Trickle trickle;
    private List<Corpus.Entry> queries;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Quiet.engineLogs();
        db = TestDatabase.perClass().create("jmh_derivation_" + set + "_" + ProcessHandle.current().pid());
        db.execute(Corpus.resource("/corpus/schema.sql"));
        trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(2));
        trickle.install();
        queries = Corpus.load(set);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        trickle.close();
        db.drop();
    }

    /** Every query of the set derived once (AUTO, so a query the engine cannot maintain reports a reason instead). */
    @Benchmark
    public void wholeCorpus(Blackhole sink) {
        for (Corpus.Entry e : queries) {
            ValidationResult r = trickle.validate(e.query(), io.trickle.engine.api.RefreshMode.AUTO);
            sink.consume(r);
        }
    }
}
