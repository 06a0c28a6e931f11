package io.trickle.engine.bench.tpch;

import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.CreateResult;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.bench.BenchSchema;
import io.trickle.engine.bench.BenchmarkCsv;
import io.trickle.engine.bench.Isolation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The TPC-H benchmark (issue 10, item 11): loads the generator's data at a scale factor into a schema
 * of its own, creates for each query an AUTO stream table ({@code qNN_auto}) and a FULL twin
 * ({@code qNN_full}), then runs change cycles; each cycle applies RF1/RF2/RF3 and refreshes the AUTO
 * table normally and the twin with {@code --full}. It records the engine's {@code duration_ms} of
 * every refresh as DESIGN §6 CSV (scenario = query, rows = line items, mode = AUTO or FULL, with the
 * action taken in an extra column) and prints, per query, the median AUTO and FULL times over cycles
 * 2 and later, flagging an AUTO table more than 1.2 times slower than recomputing. Not a test: it
 * runs on demand ({@code trickle bench tpch}) and drops its schema when done.
 */
public final class TpchBenchmark {

    /**
     * What to run.
     *
     * @param scale   the scale factor (0.1 loads about 600 000 line items)
     * @param cycles  change cycles, each followed by a refresh of every table
     * @param csv     the CSV file to write; the summary goes beside it as {@code <name>-summary.txt}
     * @param queries the queries to run ({@code q01}, {@code 5}, …); empty for all 22
     * @param schema  the schema to load into and drop afterwards
     * @param seed    the generator's and the change cycles' seed
     * @param keep    leave the schema and its stream tables in place when done
     */
    public record Options(double scale, int cycles, Path csv, List<String> queries, String schema, long seed,
                          boolean keep) {

        /** Checks everything that can be checked before connecting. */
        public Options {
            new TpchScale(scale);
            if (cycles < 2) {
                throw new IllegalArgumentException("at least 2 cycles are needed: cycle 1 is not counted in the medians");
            }
            if (schema == null || schema.isBlank()) {
                throw new IllegalArgumentException("a schema name is needed");
            }
            queries = List.copyOf(queries);
            TpchQueries.select(schema, queries);
        }
    }

    private static final List<String> EXTRA_COLUMNS = List.of("action", "effective_mode", "seed");

    private TpchBenchmark() {
    }

    /** Runs the benchmark; returns the queries whose AUTO table was flagged as slow. */
    public static List<String> run(String jdbcUrl, Options o, PrintWriter out) throws SQLException, IOException {
        TpchScale scale = new TpchScale(o.scale());
        List<TpchQuery> queries = TpchQueries.select(o.schema(), o.queries());
        String runId = "tpch-" + UUID.randomUUID().toString().substring(0, 8);
        BenchSchema schema = new BenchSchema(o.schema(), "tpch");
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(jdbcUrl).withMaxConnections(3)
                     .withApplicationName("trickle-bench-tpch"));
             Connection c = DriverManager.getConnection(jdbcUrl)) {
            Isolation.requireNoOtherScheduler(c);
            trickle.install();
            schema.clear(c, trickle);
            Instant loadStart = Instant.now();
            TpchGenerator generator = new TpchGenerator(scale, o.seed());
            TpchLoader.Loaded loaded = TpchLoader.load(c, o.schema(), generator, o.seed());
            schema.mark(c);
            out.printf(Locale.ROOT, "loaded SF %s into schema %s in %s: %s%n", o.scale(), o.schema(),
                    seconds(loadStart), loaded.rows());
            out.flush();
            try {
                TpchSummary summary = measure(c, trickle, queries, generator, loaded, o, runId, out);
                String text = header(o, loaded, queries.size()) + summary.render() + summary.verdict();
                out.print(text);
                Path summaryFile = summaryPath(o.csv());
                Files.writeString(summaryFile, text);
                out.printf("CSV: %s%nsummary: %s%n", o.csv().toAbsolutePath(), summaryFile.toAbsolutePath());
                return summary.slow();
            } finally {
                if (!o.keep()) {
                    schema.drop(c, trickle);
                }
            }
        }
    }

    private static TpchSummary measure(Connection c, Trickle trickle, List<TpchQuery> queries, TpchGenerator generator,
                                       TpchLoader.Loaded loaded, Options o, String runId, PrintWriter out)
            throws SQLException, IOException {
        TpchSummary summary = new TpchSummary();
        for (TpchQuery q : queries) {
            Instant start = Instant.now();
            CreateResult auto = trickle.create(CreateRequest.of(Twin.AUTO.table(o.schema(), q), q.sql()));
            // The baseline is the same AUTO table refreshed with --full (issue 10: "refresh --full of the
            // same table"): same storage, same full path, so only the strategy differs.
            trickle.create(CreateRequest.of(Twin.FULL.table(o.schema(), q), q.sql()));
            summary.created(q.name(), auto.effectiveMode().name(), auto.fallbackReason());
            out.printf(Locale.ROOT, "created %s (AUTO → %s) and its twin refreshed with --full in %s%n", q.name(), auto.effectiveMode(),
                    seconds(start));
            out.flush();
        }
        TpchChanges changes = new TpchChanges(generator, o.schema());
        try (BenchmarkCsv csv = new BenchmarkCsv(o.csv(), EXTRA_COLUMNS)) {
            TwinRefreshes refreshes = new TwinRefreshes(c, trickle, csv, summary,
                    new TwinRefreshes.Run(runId, o.schema(), loaded.lineitems(), changes.changePct(), o.seed()));
            for (int cycle = 1; cycle <= o.cycles(); cycle++) {
                Instant start = Instant.now();
                String applied = changes.apply(c, cycle).describe();
                // The second of the twins finds in cache the pages the first one read; alternating which
                // goes first keeps that advantage out of the medians.
                List<Twin> order = cycle % 2 == 1 ? List.of(Twin.AUTO, Twin.FULL) : List.of(Twin.FULL, Twin.AUTO);
                for (TpchQuery q : queries) {
                    for (Twin twin : order) {
                        refreshes.refresh(q, twin, cycle);
                    }
                }
                out.printf(Locale.ROOT, "%s; all tables refreshed in %s%n", applied, seconds(start));
                out.flush();
            }
        }
        return summary;
    }

    private static String header(Options o, TpchLoader.Loaded loaded, int queries) {
        return String.format(Locale.ROOT,
                "TPC-H benchmark: SF %s (%d line items), %d queries, %d cycles, seed %d; median refresh time "
                        + "(the engine's duration_ms) over cycles 2..%d%n",
                o.scale(), loaded.lineitems(), queries, o.cycles(), o.seed(), o.cycles());
    }

    static Path summaryPath(Path csv) {
        String file = csv.getFileName().toString();
        String stem = file.endsWith(".csv") ? file.substring(0, file.length() - 4) : file;
        return csv.resolveSibling(stem + "-summary.txt");
    }

    private static String seconds(Instant since) {
        return String.format(Locale.ROOT, "%.1f s", Duration.between(since, Instant.now()).toMillis() / 1000.0);
    }
}
