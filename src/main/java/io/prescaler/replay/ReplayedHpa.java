package io.prescaler.replay;

import io.prescaler.hpa.Behavior;
import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.MetricEncoding;
import java.time.Instant;
import java.util.Map;
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
 * @param floors the floors computed from demand, per part of a policy that has one (forecast, last week)
 */
public record ReplayedHpa(
        String key,
        int minReplicas,
        int maxReplicas,
        Optional<Behavior> behavior,
        MetricEncoding encoding,
        Function<Instant, EffectiveMinimum> schedule,
        Map<PolicyPart, DemandFloor> floors) {

    public ReplayedHpa {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(schedule, "schedule");
        floors = Map.copyOf(floors);
    }

    /** An HPA replayed without floors computed from demand: reactive and schedule only. */
    public ReplayedHpa(
            String key,
            int minReplicas,
            int maxReplicas,
            Optional<Behavior> behavior,
            MetricEncoding encoding,
            Function<Instant, EffectiveMinimum> schedule) {
        this(key, minReplicas, maxReplicas, behavior, encoding, schedule, Map.of());
    }

    /**
     * The minimum {@code policy} asks at an instant: the highest of its floors, {@link EffectiveMinimum#NONE} when
     * reactive. The schedule's minimum is raised by each demand floor of the policy, as the exporter raises it.
     *
     * @throws IllegalStateException when the policy names a part this HPA was given no floor for
     */
    public EffectiveMinimum minimumAt(Policy policy, Instant at) {
        EffectiveMinimum minimum = policy.includes(PolicyPart.SCHEDULE) ? schedule.apply(at) : EffectiveMinimum.NONE;
        for (PolicyPart part : policy.parts()) {
            if (part == PolicyPart.SCHEDULE) {
                continue;
            }
            DemandFloor floor = floors.get(part);
            if (floor == null) {
                throw new IllegalStateException("no " + part.label() + " floor was computed for " + key);
            }
            minimum = minimum.raisedBy(floor.source(), floor.replicasAt(at), maxReplicas);
        }
        return minimum;
    }
}
