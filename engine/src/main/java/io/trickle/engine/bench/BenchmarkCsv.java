package io.trickle.engine.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Writes benchmark results in the CSV format of DESIGN §6 (what the workbench plots): one row per
 * measured cycle with run_id, started_at, scenario, rows, change_pct, mode, cycle, refresh_ms,
 * rows_changed, st_rows, writers.
 */
public final class BenchmarkCsv implements AutoCloseable {

    public static final String HEADER = "run_id,started_at,scenario,rows,change_pct,mode,cycle,refresh_ms,rows_changed,st_rows,writers";

    /** One measured cycle. */
    public record Row(String runId, Instant startedAt, String scenario, long rows, double changePct, String mode, int cycle,
                      double refreshMs, long rowsChanged, long stRows, int writers) {
    }

    private final Writer out;

    public BenchmarkCsv(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(HEADER);
        out.write('\n');
    }

    public void write(Row r) throws IOException {
        out.write(String.join(",", r.runId(), r.startedAt().truncatedTo(ChronoUnit.MILLIS).toString(), r.scenario(),
                String.valueOf(r.rows()), format(r.changePct()), r.mode(), String.valueOf(r.cycle()), format(r.refreshMs()),
                String.valueOf(r.rowsChanged()), String.valueOf(r.stRows()), String.valueOf(r.writers())));
        out.write('\n');
        out.flush();
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
