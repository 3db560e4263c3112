package io.prescaler.forecast;

import io.prescaler.demand.DemandCurve;
import io.prescaler.schedule.TimeSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What a forecast learns from: a demand curve read minute by minute over a span, as the highest demand of each
 * minute, with the minutes nothing is known of left out: before the first sample, after a sample held longer than
 * {@link #MAX_HOLD} (a gap in the history) and every minute an excluded span touches (an event). Nothing the
 * forecast computes reads a left-out minute, so an event's demand has no influence at all.
 *
 * <p>Also the highest demand of each slot of {@link #SLOT_MINUTES} minutes around a minute, computed once for the
 * whole span (a sliding maximum), so that a forecast reads each slot in constant time.
 */
public final class DemandSlots {

    /** A sample holds until the next one, but at most this long: beyond, the history has a gap. */
    public static final Duration MAX_HOLD = Duration.ofMinutes(15);

    /**
     * The slot around a time of day: from 10 minutes before to 10 minutes after. Wide enough that a rise a few
     * minutes earlier or later than usual is in it; narrow enough that the floor rises at most the horizon plus 10
     * minutes ahead of it (&plusmn;15 minutes cost 8 % more pod-hours on the example backtest for no fewer
     * replica-minutes short).
     */
    public static final Duration SLOT_HALF_WIDTH = Duration.ofMinutes(10);

    static final int HALF = (int) SLOT_HALF_WIDTH.toMinutes();
    static final int SLOT_MINUTES = 2 * HALF;

    /** The longest span read at once: a quarter plus the history a forecast reads (92 + 35 days, in minutes). */
    public static final Duration MAX_SPAN = Duration.ofDays(127);

    private final long firstMinute;
    private final double[] perMinute;
    /** The highest known demand of minutes [c - HALF, c + HALF) for the slot centred on minute c; NaN if none. */
    private final double[] slotMax;
    /** known[i]: how many minutes before index i are known (a prefix count). */
    private final int[] known;

    private final long firstKnown;

    private DemandSlots(long firstMinute, double[] perMinute) {
        this.firstMinute = firstMinute;
        this.perMinute = perMinute;
        this.known = new int[perMinute.length + 1];
        long first = Long.MAX_VALUE;
        for (int i = 0; i < perMinute.length; i++) {
            boolean isKnown = !Double.isNaN(perMinute[i]);
            known[i + 1] = known[i] + (isKnown ? 1 : 0);
            if (isKnown && first == Long.MAX_VALUE) {
                first = firstMinute + i;
            }
        }
        this.firstKnown = first;
        this.slotMax = slidingMax(perMinute);
    }

    /**
     * Reads {@code curve} from {@code from} to {@code to} (both down to the minute), leaving out {@code excluded}.
     *
     * @throws IllegalArgumentException when the span is longer than {@link #MAX_SPAN} or ends before it starts
     */
    public static DemandSlots of(DemandCurve curve, Instant from, Instant to, List<TimeSpan> excluded) {
        long fromMinute = Math.floorDiv(from.getEpochSecond(), 60);
        long toMinute = Math.floorDiv(to.getEpochSecond(), 60);
        if (toMinute < fromMinute || toMinute - fromMinute > MAX_SPAN.toMinutes()) {
            throw new IllegalArgumentException("demand slots span from " + from + " to " + to + ": at most "
                    + MAX_SPAN.toDays() + " days, forward");
        }
        double[] perMinute = new double[(int) (toMinute - fromMinute)];
        java.util.Arrays.fill(perMinute, Double.NaN);
        long fromSecond = fromMinute * 60;
        long toSecond = toMinute * 60;
        long hold = MAX_HOLD.toSeconds();
        int first = Math.max(0, curve.indexAtOrBefore(fromSecond));
        for (int i = first; i < curve.points() && curve.secondOf(i) < toSecond; i++) {
            long start = Math.max(curve.secondOf(i), fromSecond);
            long end = Math.min(curve.secondOf(i) + hold, toSecond);
            if (i + 1 < curve.points()) {
                end = Math.min(end, curve.secondOf(i + 1));
            }
            double value = curve.demandOf(i);
            for (long minute = Math.floorDiv(start, 60); minute * 60 < end; minute++) {
                int index = (int) (minute - fromMinute);
                double current = perMinute[index];
                perMinute[index] = Double.isNaN(current) ? value : Math.max(current, value);
            }
        }
        for (TimeSpan span : excluded) {
            long start = Math.max(fromMinute, Math.floorDiv(span.start().getEpochSecond(), 60));
            long end = Math.min(toMinute, Math.floorDiv(span.end().getEpochSecond() + 59, 60));
            for (long minute = start; minute < end; minute++) {
                perMinute[(int) (minute - fromMinute)] = Double.NaN;
            }
        }
        return new DemandSlots(fromMinute, perMinute);
    }

    /** The first epoch minute of the span. */
    long firstMinute() {
        return firstMinute;
    }

    /** The epoch minute after the span. */
    long endMinute() {
        return firstMinute + perMinute.length;
    }

    /** The first minute with a known demand; {@link Long#MAX_VALUE} when none is. */
    long firstKnownMinute() {
        return firstKnown;
    }

    /** The highest demand of one minute, NaN when unknown or outside the span. */
    double minute(long epochMinute) {
        long index = epochMinute - firstMinute;
        return index < 0 || index >= perMinute.length ? Double.NaN : perMinute[(int) index];
    }

    /**
     * The highest demand in the slot centred on {@code centre} (minutes [centre - 10, centre + 10)), read only when
     * the whole slot lies in [{@code lowest}, {@code limit}) and at least half of it is known; NaN otherwise.
     */
    double slot(long centre, long lowest, long limit) {
        long start = centre - HALF;
        long end = centre + HALF;
        if (start < lowest || end > limit || centre < firstMinute || centre >= endMinute()) {
            return Double.NaN;
        }
        // minutes outside the span count as unknown, as they would in a span that held them
        int from = (int) (Math.max(start, firstMinute) - firstMinute);
        int to = (int) (Math.min(end, endMinute()) - firstMinute);
        if (known[to] - known[from] < HALF) {
            return Double.NaN;
        }
        return slotMax[(int) (centre - firstMinute)];
    }

    /**
     * The highest demand in the slot of &plusmn;10 minutes around {@code centre}, reading only the minutes before
     * {@code before}'s minute; NaN when under half of the slot is known.
     */
    public double highestAround(Instant centre, Instant before) {
        return slot(
                Math.floorDiv(centre.getEpochSecond(), 60), Long.MIN_VALUE, Math.floorDiv(before.getEpochSecond(), 60));
    }

    /**
     * The highest demand from {@code from} to {@code to} (down to the minute), reading only the minutes before
     * {@code before}'s minute; NaN when under half of them is known.
     */
    public double highestBetween(Instant from, Instant to, Instant before) {
        long start = Math.max(Math.floorDiv(from.getEpochSecond(), 60), firstMinute);
        long end = Math.min(
                Math.min(Math.floorDiv(to.getEpochSecond(), 60), Math.floorDiv(before.getEpochSecond(), 60)),
                endMinute());
        long wanted = Math.floorDiv(to.getEpochSecond(), 60) - Math.floorDiv(from.getEpochSecond(), 60);
        double highest = Double.NaN;
        int count = 0;
        for (long minute = start; minute < end; minute++) {
            double value = perMinute[(int) (minute - firstMinute)];
            if (!Double.isNaN(value)) {
                count++;
                highest = Double.isNaN(highest) ? value : Math.max(highest, value);
            }
        }
        return 2L * count < wanted ? Double.NaN : highest;
    }

    /** The maximum of the known values in [i - HALF, i + HALF) for every i, in linear time. */
    private static double[] slidingMax(double[] values) {
        int n = values.length;
        double[] result = new double[n];
        Deque<Integer> window = new ArrayDeque<>();
        // the window of centre c is [c - HALF, c + HALF): add index c + HALF - 1, drop indexes below c - HALF
        int added = 0;
        for (int c = 0; c < n; c++) {
            while (added < Math.min(n, c + HALF)) {
                if (!Double.isNaN(values[added])) {
                    while (!window.isEmpty() && values[window.peekLast()] <= values[added]) {
                        window.pollLast();
                    }
                    window.addLast(added);
                }
                added++;
            }
            while (!window.isEmpty() && window.peekFirst() < c - HALF) {
                window.pollFirst();
            }
            result[c] = window.isEmpty() ? Double.NaN : values[window.peekFirst()];
        }
        return result;
    }
}
