package io.trickle.engine.bench;

import io.trickle.engine.api.TrickleException.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What {@code trickle bench core} runs: the matrix (scenarios × sizes × change rates × paths), the
 * cycles, the DML mix, the concurrent writers, where the CSV goes and the schema the suite works in.
 *
 * @param sizes          orders in the source (10 000 to 10 000 000)
 * @param changePcts     percentages of the orders each cycle changes (above 0, at most 100)
 * @param scenarios      query shapes
 * @param paths          how Trickle refreshes
 * @param cycles         change cycles per case (at least 2: cycle 1 warms caches and is left out of medians)
 * @param mix            updates, deletes, inserts
 * @param mode           Trickle's mode for the measured stream table (DIFFERENTIAL, AUTO or
 *                       IMMEDIATE: maintained in the writes, its cost is then the capture column)
 * @param capture        also measure capture cost per row on a 5- and a 60-column table
 * @param writers        concurrent writer counts; empty for none
 * @param writerDuration how long each writer phase runs
 * @param csv            the CSV file; the summary, the daemon's log and the evidence go beside it
 * @param schema         the schema the suite creates its tables in (it refuses one it did not create)
 * @param seed           the seed of the changes
 * @param command        the command that starts {@code trickle} processes; empty for this one's
 * @param keep           leave the schema and its tables in place when done
 */
public record SuiteOptions(List<Long> sizes, List<Double> changePcts, List<Scenario> scenarios, List<Via> paths,
                           int cycles, DmlMix mix, String mode, boolean capture, List<Integer> writers,
                           Duration writerDuration, Path csv, String schema, long seed, List<String> command,
                           boolean keep) {

    public static final long MIN_ROWS = 100;
    public static final long MAX_ROWS = 10_000_000;

    public SuiteOptions {
        sizes = List.copyOf(sizes);
        changePcts = List.copyOf(changePcts);
        scenarios = List.copyOf(scenarios);
        paths = List.copyOf(paths);
        writers = List.copyOf(writers);
        command = List.copyOf(command);
        if (sizes.isEmpty() || changePcts.isEmpty()) {
            throw new InvalidInputException("give at least one size (--rows) and one change rate (--change-pct)");
        }
        for (long rows : sizes) {
            if (rows < MIN_ROWS || rows > MAX_ROWS) {
                throw new InvalidInputException("--rows " + rows + " is out of range: from " + MIN_ROWS + " to " + MAX_ROWS);
            }
        }
        for (double pct : changePcts) {
            if (!(pct > 0) || pct > 100) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "--change-pct %s is out of range: above 0 and at most 100", pct));
            }
        }
        if (scenarios.isEmpty() && !capture && writers.isEmpty()) {
            throw new InvalidInputException("nothing to measure: give scenarios, --capture or --writers");
        }
        if (cycles < 2) {
            throw new InvalidInputException("--cycles must be at least 2: cycle 1 warms caches and is left out of the medians");
        }
        if (!"DIFFERENTIAL".equals(mode) && !"AUTO".equals(mode) && !"IMMEDIATE".equals(mode)) {
            throw new InvalidInputException("--mode must be DIFFERENTIAL, AUTO or IMMEDIATE (FULL is measured beside it anyway), not "
                    + mode);
        }
        if ("IMMEDIATE".equals(mode) && (paths.contains(Via.DAEMON) || !writers.isEmpty())) {
            // The daemon has nothing to refresh: an IMMEDIATE table's cost is its writers' (capture_us_per_row).
            throw new InvalidInputException("--mode IMMEDIATE is measured in the writes (--via api or cli, no --writers):"
                    + " the daemon never refreshes an IMMEDIATE table");
        }
        for (int w : writers) {
            if (w < 1 || w > 64) {
                throw new InvalidInputException("--writers takes counts from 1 to 64, not " + w);
            }
        }
        if (!writers.isEmpty() && (writerDuration.isNegative() || writerDuration.toSeconds() < 1)) {
            throw new InvalidInputException("--writer-seconds must be at least 1");
        }
        if (schema == null || schema.isBlank()) {
            throw new InvalidInputException("--schema needs a name");
        }
    }

    /** The median of a case is taken over these cycles. */
    public int firstCountedCycle() {
        return 2;
    }
}
