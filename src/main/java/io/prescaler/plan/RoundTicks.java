package io.prescaler.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The value axis of a chart panel: from 0 to a round top in at most {@link #MAX_INTERVALS} steps of 1, 2 or 5 x 10^n
 * replicas (replicas are whole, so the step is at least 1): 0/20/40/60/80/100 rather than 0/22/44/65/87.
 */
record RoundTicks(int step, int top) {

    static final int MAX_INTERVALS = 5;

    RoundTicks {
        if (step < 1 || top < step || top % step != 0) {
            throw new IllegalArgumentException("ticks of " + step + " up to " + top);
        }
    }

    /** The smallest round axis reaching {@code highest} (at least 1). */
    static RoundTicks covering(double highest) {
        double reach = Math.max(1, highest);
        for (long magnitude = 1; ; magnitude *= 10) {
            for (int factor : new int[] {1, 2, 5}) {
                long step = factor * magnitude;
                long intervals = (long) Math.ceil(reach / step);
                if (intervals <= MAX_INTERVALS) {
                    return new RoundTicks(Math.toIntExact(step), Math.toIntExact(intervals * step));
                }
            }
        }
    }

    List<Integer> values() {
        List<Integer> values = new ArrayList<>();
        for (int value = 0; value <= top; value += step) {
            values.add(value);
        }
        return values;
    }
}
