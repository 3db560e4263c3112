package io.prescaler.replay;

import io.prescaler.hpa.Behavior;
import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.MetricEncoding;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The HPA a replay runs policies on.
 *
 * @param key {@code namespace/name}
 * @param behavior its {@code spec.behavior} with the API defaults; empty for the controller's legacy path
 * @param encoding the prescaling metric it consumes under the schedule policy
 * @param schedule the effective minimum its annotations and the events file ask at an instant
 */
public record ReplayedHpa(
        String key,
        int minReplicas,
        int maxReplicas,
        Optional<Behavior> behavior,
        MetricEncoding encoding,
        Function<Instant, EffectiveMinimum> schedule) {

    public ReplayedHpa {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(schedule, "schedule");
    }

    /** The minimum {@code policy} asks at an instant: the highest of its floors, {@link EffectiveMinimum#NONE} when reactive. */
    public EffectiveMinimum minimumAt(Policy policy, Instant at) {
        EffectiveMinimum minimum = policy.includes(PolicyPart.SCHEDULE) ? schedule.apply(at) : EffectiveMinimum.NONE;
        return minimum;
    }
}
