package io.trickle.engine.bench;

import java.util.Arrays;
import java.util.Collection;

/** Medians and percentiles as the suite reports them; NaN values are left out, and nothing gives NaN. */
final class Stats {

    private Stats() {
    }

    static double median(Collection<Double> values) {
        return percentile(values, 0.5);
    }

    /**
     * The {@code p}-quantile (0..1) by linear interpolation between the closest ranks; the median of
     * an even count is the mean of the middle two.
     */
    static double percentile(Collection<Double> values, double p) {
        double[] v = values.stream().filter(d -> d != null && !Double.isNaN(d)).mapToDouble(Double::doubleValue).toArray();
        return percentile(v, p);
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double rank = p * (v.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return v[lo] + (v[hi] - v[lo]) * (rank - lo);
    }
}
