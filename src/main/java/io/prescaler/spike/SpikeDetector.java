package io.prescaler.spike;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The spike guard of one HPA: a sliding window of its demand samples, the velocity and acceleration of the demand
 * over it, and the floor that holds capacity ahead of a rise.
 *
 * <p><b>The window</b> covers the last {@link #WINDOW} before the latest sample. The demand between two samples is
 * read by linear interpolation, so the demand at the window's start comes from the last sample at or before it,
 * kept as an anchor, and the next: samples at an irregular cadence, or a missed update, give the rates of the
 * signal, not of the sampling. A sample closer than {@link #MIN_SPACING} to the one before the latest replaces the
 * latest, and one older than the latest is ignored, so the window holds at most
 * {@link #CAPACITY} samples (about 1 KB) whatever the update rate. A silence longer than {@link #MAX_GAP} starts the
 * window anew, and so does a detector made anew (an exporter restart): a single sample has no velocity, so neither
 * triggers.
 *
 * <p><b>The signals</b>, with the window from {@code t0} to the latest sample {@code t1}, its middle {@code tm} and
 * {@code d(t)} the demand at {@code t}: velocity {@code v = (d(t1) - d(t0)) / (t1 - t0)} per minute; acceleration
 * {@code a = (vRecent - vOlder) / ((t1 - t0) / 2)} with {@code vRecent = (d(t1) - d(tm)) / ((t1 - t0) / 2)} and
 * {@code vOlder} the same over the older half. End-point differences rather than a regression slope: a regression
 * over five minutes weighs a rise that began 30 s ago at a fraction of its slope, and reacting within two status
 * updates is the point; the noise of an ordinary day is kept below the thresholds by the span each signal needs
 * before it is known ({@link #VELOCITY_SPAN}, {@link #ACCELERATION_SPAN}).
 *
 * <p><b>A spike</b> starts when the velocity reaches its threshold, or the acceleration reaches its threshold while
 * the demand is rising ({@code vRecent > 0}: the end of a fall also accelerates upwards, and is no spike). Its floor
 * is the demand extrapolated {@code lookahead} ahead along the parabola through the three points (the slope at the
 * latest sample is {@code v + a (t1 - t0) / 2}, plus {@code a L^2 / 2}), at least the demand, at most
 * {@code maxFactor} times the demand and {@code maxReplicas}; while the spike holds the floor never decreases. The
 * spike ends once both signals have stayed below their thresholds for {@code hold}.
 *
 * <p>Thread-safe: samples come from the informer's thread, {@link #state()} is read by scrapes.
 */
public final class SpikeDetector {

    public static final Duration WINDOW = Duration.ofMinutes(5);

    /** Samples closer than this to the previous one replace it. */
    public static final Duration MIN_SPACING = Duration.ofSeconds(5);

    /** The samples held at most: a full window at {@link #MIN_SPACING} (61), the anchor, and a margin. */
    public static final int CAPACITY = 72;

    /**
     * A longer silence than this starts the window anew: what the demand did while no status came is unknown, and a
     * jump seen across it must not read as a rise of the last 15 s. Six missed updates at the default 15 s period.
     */
    public static final Duration MAX_GAP = Duration.ofSeconds(90);

    /** The span of samples the velocity needs before it is known: one minute of 5 % noise stays far below 30 %/min. */
    public static final Duration VELOCITY_SPAN = Duration.ofMinutes(1);

    /**
     * The span the acceleration needs before it is known: its noise falls with the square of the half-window, and
     * under four minutes an ordinary day's 5 % noise would reach the default threshold.
     */
    public static final Duration ACCELERATION_SPAN = Duration.ofMinutes(4);

    private static final double MS_PER_MINUTE = 60_000.0;
    private static final long NOT_CALM = Long.MIN_VALUE;

    private final long[] times = new long[CAPACITY];
    private final double[] values = new double[CAPACITY];
    private int oldest;
    private int count;

    private SpikeSettings settings;
    private boolean active;
    private int floor;
    private long calmSince = NOT_CALM;
    private long triggers;
    private volatile SpikeState state = SpikeState.EMPTY;

    public SpikeDetector(SpikeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The state after the last sample. */
    public SpikeState state() {
        return state;
    }

    public synchronized SpikeSettings settings() {
        return settings;
    }

    /** New settings (the annotations changed): the window and a spike in progress are kept. */
    public synchronized void reconfigure(SpikeSettings next) {
        this.settings = Objects.requireNonNull(next, "next");
    }

    /**
     * Feeds the demand seen at {@code at} and returns the state after it. A sample that is not a finite number
     * {@code >= 0}, or older than the latest, is ignored.
     *
     * @param maxReplicas the HPA's maximum, which caps the floor; below 1 means no cap
     */
    public synchronized SpikeState observe(Instant at, double demand, int maxReplicas) {
        if (!(demand >= 0) || Double.isInfinite(demand)) {
            return state;
        }
        long t = at.toEpochMilli();
        if (!add(t, demand)) {
            return state;
        }
        long t1 = t;
        long t0 = Math.max(time(0), t1 - WINDOW.toMillis());
        long span = t1 - t0;
        double d1 = demand;
        double d0 = valueAt(t0);
        double minutes = span / MS_PER_MINUTE;
        OptionalDouble velocity = OptionalDouble.empty();
        OptionalDouble acceleration = OptionalDouble.empty();
        double recent = 0;
        if (span >= VELOCITY_SPAN.toMillis()) {
            velocity = OptionalDouble.of((d1 - d0) / minutes);
        }
        if (span >= ACCELERATION_SPAN.toMillis()) {
            double half = minutes / 2;
            double dm = valueAt(t0 + span / 2);
            recent = (d1 - dm) / half;
            double older = (dm - d0) / half;
            acceleration = OptionalDouble.of((recent - older) / half);
        }
        boolean fast = velocity.isPresent()
                && velocity.getAsDouble() >= settings.velocity().replicas(d0);
        boolean accelerating = acceleration.isPresent()
                && recent > 0
                && acceleration.getAsDouble() >= settings.acceleration().replicas(d0);
        if (fast || accelerating) {
            calmSince = NOT_CALM;
            if (!active) {
                active = true;
                floor = 0;
                triggers++;
            }
        } else if (active) {
            if (calmSince == NOT_CALM) {
                calmSince = t;
            }
            if (t - calmSince >= settings.hold().toMillis()) {
                active = false;
                floor = 0;
                calmSince = NOT_CALM;
            }
        }
        if (active) {
            double projected = projected(d1, velocity, acceleration, minutes / 2);
            double capped = Math.min(projected, settings.maxFactor() * d1);
            long wanted = Math.max(floor, replicas(Math.max(d1, capped)));
            long cap = maxReplicas >= 1 ? maxReplicas : Integer.MAX_VALUE;
            floor = (int) Math.min(wanted, cap);
        }
        state = new SpikeState(at, d1, velocity, acceleration, active, active ? floor : 0, triggers);
        return state;
    }

    /**
     * The demand {@code lookahead} ahead along the parabola through the window's start, middle and end: slope at the
     * end {@code v + a h} (h the half-window), curvature {@code a}. Neither term counts downwards: a floor never asks
     * for less than the demand. Without the acceleration, the straight line; without either, the demand.
     */
    private double projected(double demand, OptionalDouble velocity, OptionalDouble acceleration, double half) {
        double ahead = settings.lookahead().toMillis() / MS_PER_MINUTE;
        if (velocity.isEmpty()) {
            return demand;
        }
        if (acceleration.isEmpty()) {
            return demand + Math.max(0, velocity.getAsDouble()) * ahead;
        }
        double a = acceleration.getAsDouble();
        double slope = velocity.getAsDouble() + a * half;
        return demand + Math.max(0, slope) * ahead + Math.max(0, a) * ahead * ahead / 2;
    }

    /** Whole replicas for a demand: rounded up, a hair of floating-point error above a whole number aside. */
    private static long replicas(double demand) {
        return (long) Math.ceil(demand - 1e-9);
    }

    /** Adds a sample; false when it is ignored (older than the latest). Drops what the window no longer needs. */
    private boolean add(long t, double demand) {
        if (count > 0) {
            long latest = time(count - 1);
            if (t < latest) {
                return false;
            }
            if (t - latest > MAX_GAP.toMillis()) {
                count = 0;
                oldest = 0;
            } else if (count > 1 && t - time(count - 2) < MIN_SPACING.toMillis()) {
                // too close to the sample before: the latest value replaces the previous latest
                times[index(count - 1)] = t;
                values[index(count - 1)] = demand;
                dropOld(t);
                return true;
            }
        }
        if (count == CAPACITY) {
            oldest = (oldest + 1) % CAPACITY;
            count--;
        }
        times[index(count)] = t;
        values[index(count)] = demand;
        count++;
        dropOld(t);
        return true;
    }

    /** Keeps one sample at or before the window's start (its value holds there), none older. */
    private void dropOld(long latest) {
        long start = latest - WINDOW.toMillis();
        while (count > 1 && time(1) <= start) {
            oldest = (oldest + 1) % CAPACITY;
            count--;
        }
    }

    /**
     * The demand at {@code t}, interpolated between the samples around it: the demand is a continuous signal the
     * status samples, so a sample's value is not held in between (a change seen after a missed update is spread over
     * the gap, which makes a rise look slower, never faster). Before the first sample, the first.
     */
    private double valueAt(long t) {
        for (int i = count - 1; i >= 0; i--) {
            long ti = time(i);
            if (ti <= t) {
                if (ti == t || i == count - 1) {
                    return values[index(i)];
                }
                long next = time(i + 1);
                double share = (double) (t - ti) / (next - ti);
                return values[index(i)] + share * (values[index(i + 1)] - values[index(i)]);
            }
        }
        return values[index(0)];
    }

    private long time(int i) {
        return times[index(i)];
    }

    private int index(int i) {
        return (oldest + i) % CAPACITY;
    }

    /** How many samples are held, for tests. */
    synchronized int samples() {
        return count;
    }
}
