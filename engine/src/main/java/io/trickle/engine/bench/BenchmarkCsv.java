package io.trickle.engine.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Writes benchmark results in the CSV format of DESIGN §6 (what the workbench plots): one row per
 * measured cycle with run_id, started_at, scenario, rows, change_pct, mode, cycle, refresh_ms,
 * rows_changed, st_rows, writers. A benchmark may name extra columns, which follow these (§6 allows
 * them); their values are quoted where CSV needs it.
 */
public final class BenchmarkCsv implements AutoCloseable {

    public static final String HEADER = "run_id,started_at,scenario,rows,change_pct,mode,cycle,refresh_ms,rows_changed,st_rows,writers";

    /** One measured cycle. */
    public record Row(String runId, Instant startedAt, String scenario, long rows, double changePct, String mode, int cycle,
                      double refreshMs, long rowsChanged, long stRows, int writers) {
    }

    private final Writer out;
    private final int extraColumns;

    public BenchmarkCsv(Path file) throws IOException {
        this(file, List.of());
    }

    /** A CSV whose rows carry {@code extraColumns} after the standard ones. */
    public BenchmarkCsv(Path file, List<String> extraColumns) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.extraColumns = extraColumns.size();
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(HEADER);
        for (String column : extraColumns) {
            out.write(',');
            out.write(quoted(column));
        }
        out.write('\n');
    }

    /** Writes one row; {@code extras} are the values of the extra columns, in order. */
    public void write(Row r, String... extras) throws IOException {
        if (extras.length != extraColumns) {
            throw new IllegalArgumentException("expected " + extraColumns + " extra values, got " + extras.length);
        }
        out.write(String.join(",", quoted(r.runId()), r.startedAt().truncatedTo(ChronoUnit.MILLIS).toString(),
                quoted(r.scenario()), String.valueOf(r.rows()), format(r.changePct()), quoted(r.mode()),
                String.valueOf(r.cycle()), format(r.refreshMs()), String.valueOf(r.rowsChanged()),
                String.valueOf(r.stRows()), String.valueOf(r.writers())));
        for (String extra : extras) {
            out.write(',');
            out.write(quoted(extra == null ? "" : extra));
        }
        out.write('\n');
        out.flush();
    }

    /** The value as a CSV field: as it is, or in double quotes when it holds a comma, quote or line break. */
    static String quoted(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
