package org.forcelink.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of latencies in milliseconds. */
final class Percentiles {

    private final double[] sorted;

    Percentiles(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    double at(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    int count() {
        return sorted.length;
    }

    String summary() {
        return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (n=%d)", at(50), at(95), at(99), count());
    }
}
