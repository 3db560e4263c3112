package io.prescaler.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of measured durations, in milliseconds. */
record Latencies(long[] nanos) {

    Latencies {
        nanos = nanos.clone();
        Arrays.sort(nanos);
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no measurement");
        }
    }

    double percentileMillis(double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * nanos.length);
        return nanos[Math.max(0, rank - 1)] / 1e6;
    }

    int count() {
        return nanos.length;
    }

    static String millis(double value) {
        return value < 10 ? String.format("%.2f ms", value) : String.format("%.0f ms", value);
    }
}
