package io.trickle.engine.bench;

import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.db.PgQuote;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What change capture costs a writer, per changed row: statements that update one column of
 * {@value #STATEMENT_ROWS} rows (fewer on small tables), on a 5-column and on a 60-column table, each
 * timed on a copy without maintenance, on Trickle's copy (captured for a stream table) and on pg_ivm's
 * (maintaining an IMMV of the same query). A third case reads only columns the update does not touch,
 * which a capture that knows what its readers read could skip. After each statement the stream table
 * is refreshed in-process and checked by the oracle.
 */
final class CaptureCost {

    static final int STATEMENT_ROWS = 10_000;

    /** One measured table: its width, and whether the stream table reads the updated column. */
    private record Table(String scenario, int columns, boolean readsUpdated) {
        String name() {
            return "cap" + columns + (readsUpdated ? "" : "u");
        }

        /** The columns the stream table (and the IMMV) reads. */
        String selected() {
            if (!readsUpdated) {
                return "id, c02, c03";
            }
            List<String> cols = new ArrayList<>(List.of("id"));
            for (int i = 1; i < columns; i++) {
                cols.add(column(i));
            }
            return String.join(", ", cols);
        }
    }

    private static final List<Table> TABLES = List.of(new Table("capture_5col", 5, true),
            new Table("capture_60col", 60, true), new Table("capture_60col_unread", 60, false));

    private final Connection c;
    private final Trickle trickle;
    private final PgIvm ivm;
    private final SuiteOptions options;
    private final CaseCycles.Recorder recorder;
    private final Progress progress;

    CaptureCost(Connection c, Trickle trickle, PgIvm ivm, SuiteOptions options, CaseCycles.Recorder recorder,
                Progress progress) {
        this.c = c;
        this.trickle = trickle;
        this.ivm = ivm;
        this.options = options;
        this.recorder = recorder;
        this.progress = progress;
    }

    static String column(int i) {
        return String.format(java.util.Locale.ROOT, "c%02d", i);
    }

    void run(long rows) throws SQLException, IOException {
        for (Table t : TABLES) {
            measure(t, rows);
        }
    }

    private void measure(Table t, long rows) throws SQLException, IOException {
        String schema = options.schema();
        Map<Copy, String> tables = new EnumMap<>(Copy.class);
        for (Copy copy : Copy.values()) {
            String table = PgQuote.qualified(schema, copy.in(schema).prefix() + "_" + t.name());
            create(table, t.columns(), rows);
            tables.put(copy, table);
        }
        String stName = QualifiedName.of(schema, "st_" + t.name()).toString();
        String stSql = PgQuote.qualified(schema, "st_" + t.name());
        String query = "SELECT " + t.selected() + " FROM " + tables.get(Copy.TRICKLE);
        trickle.create(stName, query, ScenarioViews.IDLE_SCHEDULE, "DIFFERENTIAL", true);
        String immv = PgQuote.qualified(schema, "immv_" + t.name());
        Optional<String> refused = ivm.create(c, immv, "SELECT " + t.selected() + " FROM " + tables.get(Copy.IVM));
        long n = Math.min(STATEMENT_ROWS, Math.max(1, rows / 10));
        double pct = 100.0 * n / rows;
        for (int cycle = 1; cycle <= options.cycles(); cycle++) {
            long from = ((cycle - 1) * n) % rows + 1;
            Map<Copy, Double> ms = new EnumMap<>(Copy.class);
            Instant started = Instant.now();
            for (Copy copy : CaseCycles.rotate(List.of(Copy.PLAIN, Copy.IVM, Copy.TRICKLE), cycle)) {
                if (copy != Copy.IVM || refused.isEmpty()) {
                    ms.put(copy, update(tables.get(copy), from, n));
                }
            }
            long t0 = System.nanoTime();
            RefreshResult r = trickle.refresh(stName, false);
            double wall = (System.nanoTime() - t0) / 1e6;
            ResultOracle.Verdict v = ResultOracle.check(c, stSql, query);
            if (!v.matches()) {
                throw new ActionFailedException("oracle check failed after capture statement " + cycle + ": "
                        + v.describe(stName, query));
            }
            double plain = ms.get(Copy.PLAIN);
            recorder.record(SuiteRow.of(t.scenario(), rows, pct, Baseline.PLAIN, Via.API, cycle).startedAt(started)
                    .write(plain, n).rowsChanged(n));
            recorder.record(SuiteRow.of(t.scenario(), rows, pct, Baseline.TRICKLE, Via.API, cycle).startedAt(started)
                    .measured(new Measured(r.action().name(), r.durationMs(), wall, r.rowsInserted(), r.rowsDeleted(),
                            r.reason()))
                    .write(ms.get(Copy.TRICKLE), n).capture((ms.get(Copy.TRICKLE) - plain) * 1000 / n).oracle("ok")
                    .stRows(rows));
            if (refused.isEmpty()) {
                double extra = ms.get(Copy.IVM) - plain;
                recorder.record(SuiteRow.of(t.scenario(), rows, pct, Baseline.PG_IVM, Via.API, cycle).startedAt(started)
                        .refresh(extra, extra).write(ms.get(Copy.IVM), n).capture(extra * 1000 / n).rowsChanged(n)
                        .stRows(rows));
            }
            progress.say("%s · %s · statement %d/%d of %d rows: plain %.1f ms, with capture %.1f ms%s", t.scenario(),
                    Progress.rows(rows), cycle, options.cycles(), n, plain, ms.get(Copy.TRICKLE),
                    refused.isEmpty() ? String.format(java.util.Locale.ROOT, ", with pg_ivm %.1f ms", ms.get(Copy.IVM)) : "");
        }
        trickle.drop(stName, false);
        try (Statement st = c.createStatement()) {
            if (refused.isEmpty()) {
                st.execute("DROP TABLE " + immv);
            }
            for (String table : tables.values()) {
                st.execute("DROP TABLE " + table);
            }
        }
    }

    /** A table of {@code columns} columns (an id, then int, bigint, numeric, text and timestamptz in turn). */
    private void create(String table, int columns, long rows) throws SQLException {
        List<String> defs = new ArrayList<>(List.of("id bigint PRIMARY KEY"));
        List<String> values = new ArrayList<>(List.of("i"));
        for (int k = 1; k < columns; k++) {
            String col = column(k);
            switch (k % 5) {
                case 1 -> {
                    defs.add(col + " int NOT NULL");
                    values.add("(i % 1000)::int");
                }
                case 2 -> {
                    defs.add(col + " bigint");
                    values.add("i * " + k);
                }
                case 3 -> {
                    defs.add(col + " numeric(12,2)");
                    values.add("(i % 10000) / 100.0");
                }
                case 4 -> {
                    defs.add(col + " text");
                    values.add("'value ' || i || ' of column " + k + "'");
                }
                default -> {
                    defs.add(col + " timestamptz");
                    values.add("timestamptz '2026-01-01' + i * interval '1 minute'");
                }
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (" + String.join(", ", defs) + ")");
            st.execute("INSERT INTO " + table + " SELECT " + String.join(", ", values)
                    + " FROM generate_series(1::bigint, " + rows + "::bigint) i");
            st.execute("ANALYZE " + table);
        }
    }

    /** Updates column c01 of ids {@code from} .. {@code from + n - 1} in one statement; ms, commit included. */
    private double update(String table, long from, long n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET c01 = c01 + 1 WHERE id BETWEEN ? AND ?")) {
            ps.setLong(1, from);
            ps.setLong(2, from + n - 1);
            long start = System.nanoTime();
            ps.executeUpdate();
            return (System.nanoTime() - start) / 1e6;
        }
    }
}
