package io.trickle.engine.refresh;

import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.api.ReasonCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * AUTO's choice between a differential and a full refresh, learned from what this table's refreshes
 * cost before (issue 10, item 11). A differential refresh's cost grows with the changes it reads; a
 * full one's hardly does. From the table's history: the recent differential refreshes as (changed
 * rows, milliseconds) samples, fitted by least squares to {@code a + b·changes}, and the median of the
 * recent full refreshes. When the prediction for the current window exceeds the full estimate, AUTO
 * refreshes in full and says so. After a few refreshes chosen that way (2 when differential looked
 * at most twice as slow, 4 up to five times, {@value #PROBE_AFTER} beyond) one runs differentially
 * again, so that the samples follow the data and a cold first sample does not decide for good. A differential refresh also runs under
 * a budget ({@link #budgetMs}): past it, it is abandoned (rolled back to a savepoint) for a full
 * refresh, so a pathological delta costs a bounded amount once and is then avoided.
 */
final class RefreshCostModel {

    /** How a FULL chosen for cost begins its reason. */
    static final String REASON_PREFIX = "cheaper in full: ";
    static final int DIFFERENTIAL_SAMPLES = 8;
    /** Standard deviation over mean of the samples' window sizes below which no slope is fitted. */
    static final double MIN_SPREAD_FOR_SLOPE = 0.25;
    static final int FULL_SAMPLES = 3;
    static final int PROBE_AFTER = 8;
    /**
     * A differential refresh is kept only when predicted to cost at most this share of a full one: its
     * times vary more (they grow with the window), so a near tie goes to the steadier full refresh.
     */
    static final double MARGIN = 0.9;
    /** A differential refresh may take this many times a full one before it is abandoned … */
    static final double BUDGET_FACTOR = 3.0;
    /** … but never less than a full one plus this (small tables' times are noise). */
    static final double BUDGET_FLOOR_MS = 1000;

    /** One past differential refresh (or abandoned attempt, whose time is a lower bound). */
    record Sample(long changes, double ms) {
    }

    private final List<Sample> differential;
    private final List<Double> full;
    private final int fullForCostInARow;

    RefreshCostModel(List<Sample> differential, List<Double> full, int fullForCostInARow) {
        this.differential = List.copyOf(differential);
        this.full = List.copyOf(full);
        this.fullForCostInARow = fullForCostInARow;
    }

    /** The samples {@link #from} reads: one stream table's completed refreshes, newest first. */
    static final String SAMPLES = """
            SELECT action, initiated_by, duration_ms, source_changes, abandoned_differential_ms, reason_code
              FROM pgtrickle.pgt_refresh_history
             WHERE pgt_id = ? AND status = 'COMPLETED' AND action <> 'NO_DATA'
             ORDER BY refresh_id DESC LIMIT 40""";

    /** The model of one stream table, from the rows of {@link #SAMPLES}. */
    static RefreshCostModel from(ResultSet rs) throws SQLException {
        List<Sample> differential = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        List<Double> initial = new ArrayList<>();
        int fullForCost = 0;
        boolean countingRun = true;
        while (rs.next()) {
            RefreshAction action = RefreshAction.valueOf(rs.getString(1));
            InitiatedBy initiatedBy = InitiatedBy.valueOf(rs.getString(2));
            double ms = rs.getDouble(3);
            boolean hasMs = !rs.wasNull();
            long changes = rs.getLong(4);
            boolean hasChanges = !rs.wasNull();
            double abandoned = rs.getDouble(5);
            boolean wasAbandoned = !rs.wasNull();
            ReasonCode code = ReasonCode.of(rs.getString(6));
            boolean forCost = action == RefreshAction.FULL
                    && (code == ReasonCode.COST_MODEL || code == ReasonCode.DIFFERENTIAL_ABANDONED);
            if (countingRun && forCost) {
                fullForCost++;
            } else {
                countingRun = false;
            }
            if (hasChanges && wasAbandoned && differential.size() < DIFFERENTIAL_SAMPLES) {
                differential.add(new Sample(changes, abandoned));
            }
            if (action == RefreshAction.DIFFERENTIAL && hasMs && hasChanges && differential.size() < DIFFERENTIAL_SAMPLES) {
                differential.add(new Sample(changes, ms));
            } else if ((action == RefreshAction.FULL || action == RefreshAction.REINITIALIZE) && hasMs) {
                (initiatedBy == InitiatedBy.INITIAL ? initial : full).add(ms - (wasAbandoned ? abandoned : 0));
            }
        }
        List<Double> fullTimes = full.isEmpty() ? initial : full;
        return new RefreshCostModel(differential, fullTimes.subList(0, Math.min(FULL_SAMPLES, fullTimes.size())), fullForCost);
    }

    /** The model of one stream table, read from its history. */
    static RefreshCostModel read(Connection c, long pgtId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SAMPLES)) {
            ps.setLong(1, pgtId);
            try (ResultSet rs = ps.executeQuery()) {
                return from(rs);
            }
        }
    }

    /**
     * The model as run_refresh takes it: the number of changed rows above which a full refresh is
     * preferred (empty when none is, within any size), found by bisection — {@link #preferFull}
     * never turns back once it holds, as the prediction grows with the changes and the probe rule
     * relaxes as the predicted slowdown grows.
     */
    Optional<Long> fullAboveChanges() {
        long limit = 1L << 40;
        if (preferFull(limit).isEmpty()) {
            return Optional.empty();
        }
        long low = 0;
        long high = limit;
        while (low < high) {
            long mid = low + (high - low) / 2;
            if (preferFull(mid).isPresent()) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return Optional.of(low - 1);
    }

    /** What the threshold rests on, for the reason of a refresh it sends to FULL. */
    String thresholdBasis() {
        return String.format(Locale.ROOT, "a full one about %.0f ms, from the last %d differential refreshes",
                fullEstimateMs().orElse(0.0), differential.size());
    }

    /** What a full refresh costs, from the recent ones (the initial population when there is none yet). */
    Optional<Double> fullEstimateMs() {
        if (full.isEmpty()) {
            return Optional.empty();
        }
        List<Double> sorted = new ArrayList<>(full);
        sorted.sort(null);
        int n = sorted.size();
        return Optional.of(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    }

    /** What a differential refresh of {@code changes} changed rows should cost, once there are samples. */
    Optional<Double> predictDifferentialMs(long changes) {
        if (differential.isEmpty()) {
            return Optional.empty();
        }
        double n = differential.size();
        double meanC = differential.stream().mapToDouble(Sample::changes).sum() / n;
        double meanMs = differential.stream().mapToDouble(Sample::ms).sum() / n;
        double var = 0;
        double cov = 0;
        for (Sample s : differential) {
            var += (s.changes() - meanC) * (s.changes() - meanC);
            cov += (s.changes() - meanC) * (s.ms() - meanMs);
        }
        // Windows of about one size (a steady load: 2996 and 2972 changed rows) say nothing about how
        // the cost grows: a line through them turns timing noise into a slope and extrapolates it to
        // absurd figures. Below this relative spread, treat them as one size.
        double spread = Math.sqrt(var / n) / Math.max(meanC, 1);
        if (spread < MIN_SPREAD_FOR_SLOPE) {
            // The same cost for as many changes or fewer, proportional above.
            return Optional.of(changes <= meanC || meanC == 0 ? meanMs : meanMs * changes / meanC);
        }
        double slope = Math.max(0, cov / var);
        double intercept = Math.max(0, meanMs - slope * meanC);
        double predicted = intercept + slope * changes;
        double maxC = differential.stream().mapToDouble(Sample::changes).max().orElse(0);
        if (changes <= maxC) {
            // Within the sizes seen, never more than the slowest refresh seen.
            predicted = Math.min(predicted, differential.stream().mapToDouble(Sample::ms).max().orElse(predicted));
        }
        return Optional.of(predicted);
    }

    /**
     * Whether to refresh in full for cost, with the reason to record; empty to refresh
     * differentially (including a probe after {@link #probeAfter} cost-chosen full refreshes in a row).
     */
    Optional<String> preferFull(long changes) {
        Optional<Double> full = fullEstimateMs();
        Optional<Double> predicted = predictDifferentialMs(changes);
        if (full.isEmpty() || predicted.isEmpty() || predicted.get() <= MARGIN * full.get()
                || fullForCostInARow >= probeAfter(predicted.get() / Math.max(full.get(), 1e-3))) {
            return Optional.empty();
        }
        return Optional.of(REASON_PREFIX + String.format(Locale.ROOT,
                "a differential refresh of %d changed rows would take about %.0f ms (from the last %d), a full one about %.0f ms",
                changes, predicted.get(), differential.size(), full.get()));
    }

    /**
     * How many full refreshes for cost in a row before a differential probe: soon when the two were
     * close (the samples may have been a cold cache's), rarely when differential was far slower.
     */
    static int probeAfter(double slowdown) {
        return slowdown <= 2 ? 2 : slowdown <= 5 ? 4 : PROBE_AFTER;
    }

    /** How long a differential refresh may run before it is abandoned for a full one; empty without an estimate. */
    Optional<Long> budgetMs() {
        return fullEstimateMs().map(f -> (long) Math.ceil(Math.max(BUDGET_FACTOR * f, f + BUDGET_FLOOR_MS)));
    }

    /** The reason of a full refresh that replaced an abandoned differential one. */
    String abandonedReason(long budgetMs) {
        return REASON_PREFIX + String.format(Locale.ROOT,
                "the differential refresh ran past its budget of %d ms (a full refresh takes about %.0f ms) and was abandoned",
                budgetMs, fullEstimateMs().orElse(0.0));
    }
}
