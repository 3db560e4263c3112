package io.prescaler.hpa;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The replicas an HPA's own metrics ask for, before any floor: the maximum over its metrics of what each asks
 * (the controller's {@code computeReplicasForMetrics}), unrounded and without the tolerance band, so that a
 * learner sees the demand itself rather than the controller's reaction to it.
 *
 * @param replicas the unrounded replicas asked for
 * @param metric the metric asking for the most (named as in {@link MetricReading#metric()})
 */
public record Demand(double replicas, String metric) {

    /**
     * The demand of the readings at {@code currentReplicas} (status.currentReplicas). Empty when no reading can say
     * (none reported, or every target unusable) and when the target runs no replica: the controller does not scale
     * a target at 0 replicas (unless minReplicas is 0), and no ratio means anything there.
     */
    public static Optional<Demand> of(List<MetricReading> readings, int currentReplicas) {
        if (currentReplicas <= 0) {
            return Optional.empty();
        }
        Demand most = null;
        for (MetricReading reading : readings) {
            OptionalDouble asked = reading.replicas(currentReplicas);
            if (asked.isPresent() && (most == null || asked.getAsDouble() > most.replicas())) {
                most = new Demand(asked.getAsDouble(), reading.metric());
            }
        }
        return Optional.ofNullable(most);
    }
}
