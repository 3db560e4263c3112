package io.prescaler.demand;

import java.time.Instant;
import java.util.Arrays;

/**
 * A demand curve: at each point's time the work needs that many replicas, held until the next point (a step
 * function, so regular and irregular samples alike mean what they say). Times are whole epoch seconds, strictly
 * increasing.
 */
public final class DemandCurve {

    private final long[] seconds;
    private final double[] demand;

    DemandCurve(long[] seconds, double[] demand) {
        if (seconds.length == 0 || seconds.length != demand.length) {
            throw new IllegalArgumentException("a demand curve needs at least one point, one value per time");
        }
        for (int i = 1; i < seconds.length; i++) {
            if (seconds[i] <= seconds[i - 1]) {
                throw new IllegalArgumentException("demand times must increase strictly");
            }
        }
        this.seconds = seconds.clone();
        this.demand = demand.clone();
    }

    public static DemandCurve of(long[] seconds, double[] demand) {
        return new DemandCurve(seconds, demand);
    }

    public Instant first() {
        return Instant.ofEpochSecond(seconds[0]);
    }

    public Instant last() {
        return Instant.ofEpochSecond(seconds[seconds.length - 1]);
    }

    public int points() {
        return seconds.length;
    }

    /** The time of the point at {@code index} (0 to {@link #points()} - 1), in epoch seconds. */
    public long secondOf(int index) {
        return seconds[index];
    }

    /** The demand of the point at {@code index}. */
    public double demandOf(int index) {
        return demand[index];
    }

    /** The index of the last point at or before {@code second}; -1 when every point is after it. */
    public int indexAtOrBefore(long second) {
        int index = Arrays.binarySearch(seconds, second);
        return index >= 0 ? index : -index - 2;
    }

    /** The demand at {@code second}: the last point at or before it; before the first point, the first value. */
    public double at(long second) {
        int index = Arrays.binarySearch(seconds, second);
        if (index >= 0) {
            return demand[index];
        }
        int before = -index - 2;
        return demand[Math.max(0, before)];
    }

    /** The highest demand of the curve. */
    public double peak() {
        return Arrays.stream(demand).max().orElse(0);
    }

    /** A reader of the curve at seconds that never go back, in amortised constant time per second. */
    public Cursor cursor() {
        return new Cursor();
    }

    /** See {@link #cursor()}. */
    public final class Cursor {

        private int index;

        private Cursor() {}

        /** The demand at {@code second}, which must not be before the previous one asked. */
        public double at(long second) {
            while (index + 1 < seconds.length && seconds[index + 1] <= second) {
                index++;
            }
            return demand[index];
        }
    }
}
