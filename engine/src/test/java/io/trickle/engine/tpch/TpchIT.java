package io.trickle.engine.tpch;

import io.trickle.engine.api.CreateRequest;
import static org.junit.jupiter.api.Assertions.fail;

import io.trickle.engine.api.CreateResult;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.bench.tpch.ActionTally;
import io.trickle.engine.bench.ReportTable;
import io.trickle.engine.bench.tpch.TpchChanges;
import io.trickle.engine.bench.tpch.TpchGenerator;
import io.trickle.engine.bench.tpch.TpchLoader;
import io.trickle.engine.bench.tpch.TpchQueries;
import io.trickle.engine.bench.tpch.TpchQuery;
import io.trickle.engine.bench.tpch.TpchScale;
import io.trickle.engine.bench.tpch.TpchSql;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TPC-H-derived suite (issue 10, item 10): the 22 queries over our generator's data at SF 0.01,
 * each kept by an AUTO stream table through three cycles of inserts, deletes and updates; after every
 * cycle each table must equal its query (the oracle). The report (effective mode, why AUTO chose
 * FULL, the refresh actions seen) is printed and written to {@code target/tpch-report.txt}. How many
 * queries run DIFFERENTIAL is reported, never asserted: that is the engine's business and changes
 * with it. Replay with {@code -Dtrickle.seed=<seed>}; {@code -Dtrickle.cycles=<n>} runs more cycles.
 */
@Tag("tpch")
class TpchIT {

    private static final long SEED = Long.getLong("trickle.seed", 20_261_210L);
    private static final TpchScale SCALE = new TpchScale(0.01);
    private static final int CYCLES = Integer.getInteger("trickle.cycles", 3);
    private static final String SCHEMA = TpchSql.DEFAULT_SCHEMA;

    /**
     * Queries on which the engine currently fails (an exception from create or refresh, or a table that
     * differs from its query), each reported to the engine's owner. They still run and are reported;
     * a listed query that passes fails the build, so that this list only ever shrinks to empty.
     */
    static final Map<String, String> KNOWN_ENGINE_GAPS = Map.of();

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void everyStreamTableEqualsItsQueryAfterEveryCycle() throws Exception {
        List<TpchQuery> queries = TpchQueries.all(SCHEMA);
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<String> generatorProblems = new ArrayList<>();
        List<String> cycles = new ArrayList<>();
        try (Connection c = db.connect();
             Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(3))) {
            trickle.install();
            TpchGenerator generator = new TpchGenerator(SCALE, SEED);
            TpchLoader.load(c, SCHEMA, generator, SEED);
            for (TpchQuery q : queries) {
                Outcome o = new Outcome(q);
                o.loadedRows = rowCount(c, q);
                if (o.loadedRows.equals("0")) {
                    generatorProblems.add(q.name() + " returns no rows on the generated data (seed " + SEED + ")");
                }
                outcomes.put(q.name(), o);
                o.create(trickle, c);
            }
            TpchChanges changes = new TpchChanges(generator, SCHEMA);
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                cycles.add(changes.apply(c, cycle).describe());
                for (Outcome o : outcomes.values()) {
                    o.refresh(trickle, c, cycle);
                }
            }
        }
        String report = report(outcomes.values(), cycles);
        System.out.print(report);
        Files.writeString(Path.of("target", "tpch-report.txt"), report);
        verdict(outcomes.values(), generatorProblems);
    }

    /** One query's stream table: what create said, what each refresh did, and what went wrong. */
    private static final class Outcome {
        final TpchQuery query;
        final String table;
        final ActionTally actions = new ActionTally();
        final List<String> failures = new ArrayList<>();
        CreateResult created;
        String loadedRows;

        Outcome(TpchQuery query) {
            this.query = query;
            this.table = SCHEMA + "." + query.name();
        }

        void create(Trickle trickle, Connection c) {
            try {
                created = trickle.create(CreateRequest.of(table, query.sql()));
            } catch (RuntimeException e) {
                failures.add(where(0) + "create failed: " + e);
                return;
            }
            check(c, 0);
        }

        void refresh(Trickle trickle, Connection c, int cycle) {
            if (created == null) {
                return;
            }
            try {
                RefreshResult r = trickle.refresh(table);
                actions.add(r);
            } catch (RuntimeException e) {
                failures.add(where(cycle) + "refresh failed: " + e);
                return;
            }
            check(c, cycle);
        }

        private void check(Connection c, int cycle) {
            try {
                Oracle.assertMatches(c, SCHEMA, query.name(), query.sql());
            } catch (AssertionError | Exception e) {
                failures.add(where(cycle) + e.getMessage());
            }
        }

        private String where(int cycle) {
            return query.name() + (cycle == 0 ? " after create" : " cycle " + cycle) + " (seed " + SEED + "): ";
        }

        String result() {
            if (failures.isEmpty()) {
                return KNOWN_ENGINE_GAPS.containsKey(query.name()) ? "PASSES (known gap: remove it)" : "ok";
            }
            return KNOWN_ENGINE_GAPS.containsKey(query.name()) ? "FAILS (known gap)" : "FAILS";
        }
    }

    /**
     * The query's rows on the loaded data, with how many hold a value that is not NULL: a scalar
     * aggregate over no input gives one row of NULLs, which is a result but not an interesting one.
     */
    private static String rowCount(Connection c, TpchQuery q) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*), count(*) FILTER (WHERE NOT (q IS NULL)) FROM (" + q.sql() + ") q");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            long rows = rs.getLong(1);
            long withValues = rs.getLong(2);
            return rows == withValues ? String.valueOf(rows) : rows + " (" + (rows - withValues) + " all NULL)";
        }
    }

    private static String report(Iterable<Outcome> outcomes, List<String> cycles) {
        ReportTable table = new ReportTable("query", "rows", "mode", "FULL because", "refreshes", "other refresh reasons", "oracle");
        int differential = 0;
        int total = 0;
        for (Outcome o : outcomes) {
            String mode = o.created == null ? "-" : o.created.effectiveMode().name();
            differential += "DIFFERENTIAL".equals(mode) ? 1 : 0;
            total++;
            table.row(o.query.name(), o.loadedRows, mode, o.created == null ? "" : nullToEmpty(o.created.fallbackReason()),
                    o.actions.actions(), o.actions.reasonsOtherThan(o.created == null ? null : o.created.fallbackReason()),
                    o.result());
        }
        StringBuilder out = new StringBuilder();
        out.append("TPC-H suite: SF ").append(SCALE.factor()).append(", seed ").append(SEED).append(", ")
                .append(CYCLES).append(" cycles, AUTO mode\n");
        for (String c : cycles) {
            out.append("  ").append(c).append('\n');
        }
        out.append(table.render());
        out.append(differential).append(" of ").append(total).append(" queries DIFFERENTIAL\n");
        for (Outcome o : outcomes) {
            if (KNOWN_ENGINE_GAPS.containsKey(o.query.name())) {
                out.append("KNOWN ENGINE GAP ").append(o.query.name()).append(": ")
                        .append(KNOWN_ENGINE_GAPS.get(o.query.name())).append('\n');
            }
            for (String f : o.failures) {
                out.append("FAILURE ").append(f).append('\n');
            }
        }
        return out.toString();
    }

    private static void verdict(Iterable<Outcome> outcomes, List<String> generatorProblems) {
        List<String> problems = new ArrayList<>(generatorProblems);
        Set<String> passingGaps = new TreeSet<>();
        for (Outcome o : outcomes) {
            if (KNOWN_ENGINE_GAPS.containsKey(o.query.name())) {
                if (o.failures.isEmpty()) {
                    passingGaps.add(o.query.name());
                }
            } else {
                problems.addAll(o.failures);
            }
        }
        if (!passingGaps.isEmpty()) {
            problems.add("now passing, remove from KNOWN_ENGINE_GAPS: " + passingGaps);
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s) in the TPC-H suite (replay with -Dtrickle.seed=" + SEED + "):\n"
                    + String.join("\n", problems));
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
