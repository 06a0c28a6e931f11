package io.trickle.desktop.services;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One benchmark run as read from its CSV file (DESIGN §6): every measured cycle of every scenario.
 *
 * @param file         where it was read from
 * @param runId        the run's id (the first row's, should a file hold several)
 * @param startedAt    when its first measured cycle started
 * @param rows         the measured cycles, in file order
 * @param extraColumns columns after the standard ones, in file order
 */
public record BenchmarkRun(Path file, String runId, Instant startedAt, List<Row> rows, List<String> extraColumns) {

    public BenchmarkRun {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(runId, "runId");
        rows = List.copyOf(rows);
        extraColumns = List.copyOf(extraColumns);
    }

    /**
     * One measured cycle.
     *
     * @param rows      the scenario's size (rows in its source)
     * @param changePct the share of rows changed per cycle, in percent (1 means 1 %)
     * @param mode      FULL, DIFFERENTIAL, AUTO or another strategy name
     * @param extras    values of the extra columns, by column name
     */
    public record Row(String runId, Instant startedAt, String scenario, long rows, double changePct, String mode,
                      int cycle, double refreshMs, long rowsChanged, long stRows, int writers,
                      Map<String, String> extras) {
        public Row {
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(mode, "mode");
            extras = Map.copyOf(extras);
        }
    }
}
