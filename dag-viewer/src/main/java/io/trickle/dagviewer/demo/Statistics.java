package io.trickle.dagviewer.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The few order statistics the benchmark reports. */
final class Statistics {

    private Statistics() {
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    /** The value below which {@code percent} per cent of the values lie (nearest rank). */
    static double percentile(List<Double> values, double percent) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static double min(List<Double> values) {
        return Collections.min(values);
    }

    static double max(List<Double> values) {
        return Collections.max(values);
    }
}
