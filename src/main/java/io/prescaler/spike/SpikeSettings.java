package io.prescaler.spike;

import java.time.Duration;
import java.util.Objects;

/**
 * One HPA's spike guard as its annotations ask for it.
 *
 * <p>The defaults are derived in docs/spike.md from the window (five minutes, a sample every 15 s): a linear rise
 * of x5 in two minutes gives an acceleration of 16 % of the base demand per minute squared after two samples (x10:
 * 18 % after one), an ordinary evening ramp of x2 in five minutes at most 8 %; {@link #DEFAULT_ACCELERATION} sits
 * between them. The velocity over the whole window reaches 20 % per minute on that ramp and keeps rising on a
 * spike; {@link #DEFAULT_VELOCITY} is above the ramp.
 *
 * @param mode preview (export only) or on (raise the minimum)
 * @param velocity the velocity at or above which the guard triggers
 * @param acceleration the acceleration at or above which the guard triggers (while the demand is rising)
 * @param lookahead how far ahead the floor extrapolates the demand: the time capacity takes to be Ready
 * @param hold how long both signals must stay below their thresholds before the spike ends
 * @param maxFactor the floor is at most this many times the current demand
 */
public record SpikeSettings(
        SpikeMode mode,
        RateThreshold velocity,
        RateThreshold acceleration,
        Duration lookahead,
        Duration hold,
        double maxFactor) {

    public static final RateThreshold DEFAULT_VELOCITY = RateThreshold.percentOfDemand(30);
    public static final RateThreshold DEFAULT_ACCELERATION = RateThreshold.percentOfDemand(12);
    public static final Duration DEFAULT_LOOKAHEAD = Duration.ofMinutes(2);
    public static final Duration DEFAULT_HOLD = Duration.ofMinutes(5);
    public static final double DEFAULT_MAX_FACTOR = 2;

    /** The bounds the annotations enforce. */
    public static final Duration MAX_LOOKAHEAD = Duration.ofMinutes(30);

    public static final Duration MAX_HOLD = Duration.ofHours(6);

    public SpikeSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(velocity, "velocity");
        Objects.requireNonNull(acceleration, "acceleration");
        Objects.requireNonNull(lookahead, "lookahead");
        Objects.requireNonNull(hold, "hold");
        if (lookahead.isNegative() || hold.isNegative()) {
            throw new IllegalArgumentException("lookahead and hold must not be negative");
        }
        if (!(maxFactor >= 1) || Double.isInfinite(maxFactor)) {
            throw new IllegalArgumentException("the max factor must be a finite number >= 1, got " + maxFactor);
        }
    }

    /** The defaults in {@code mode}. */
    public static SpikeSettings defaults(SpikeMode mode) {
        return new SpikeSettings(
                mode, DEFAULT_VELOCITY, DEFAULT_ACCELERATION, DEFAULT_LOOKAHEAD, DEFAULT_HOLD, DEFAULT_MAX_FACTOR);
    }

    public SpikeSettings withMode(SpikeMode other) {
        return new SpikeSettings(other, velocity, acceleration, lookahead, hold, maxFactor);
    }
}
