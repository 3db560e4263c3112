package io.prescaler.spike;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the spike guard says of one HPA after its last demand sample.
 *
 * @param at the time of the last sample; {@link Instant#EPOCH} before any
 * @param demand the last demand sample, in replicas
 * @param velocity the change of the demand per minute over the window (replicas per minute); empty until the
 *     window spans {@link SpikeDetector#VELOCITY_SPAN}
 * @param acceleration the velocity of the recent half of the window minus that of the older half, per minute
 *     (replicas per minute per minute); empty until the window spans {@link SpikeDetector#ACCELERATION_SPAN}
 * @param active whether a spike holds
 * @param floor the replicas the guard asks for while a spike holds; 0 otherwise
 * @param triggers how many spikes started since the detector was made
 */
public record SpikeState(
        Instant at,
        double demand,
        OptionalDouble velocity,
        OptionalDouble acceleration,
        boolean active,
        int floor,
        long triggers) {

    public static final SpikeState EMPTY =
            new SpikeState(Instant.EPOCH, 0, OptionalDouble.empty(), OptionalDouble.empty(), false, 0, 0);

    public SpikeState {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(velocity, "velocity");
        Objects.requireNonNull(acceleration, "acceleration");
        if (floor < 0 || (!active && floor != 0)) {
            throw new IllegalArgumentException("a floor is >= 0, and 0 when no spike holds");
        }
    }
}
