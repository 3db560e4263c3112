package io.prescaler.hpa;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One of an HPA's metrics as its status reports it: the target its spec sets and the current value its status
 * holds, in the same unit (a percentage for Utilization, a quantity per pod for AverageValue, a total for Value).
 *
 * @param metric how the docs and the exported series name it, for example {@code Resource cpu Utilization}
 */
public record MetricReading(String metric, double target, double current) {

    public MetricReading {
        Objects.requireNonNull(metric, "metric");
    }

    /**
     * The replicas this metric asks for, unrounded: the HPA's usage ratio (current / target) times the replicas it
     * applies the ratio to. The same formula serves every target type: for Utilization and AverageValue the ratio
     * is per pod, for Value the total over the total target, and the controller multiplies each by the replica
     * count (Value: the ready pods, which status.currentReplicas stands for here). Empty when the reading cannot
     * say (a target of 0 or less, a negative or non-finite value).
     */
    public OptionalDouble replicas(int currentReplicas) {
        if (!(target > 0) || !(current >= 0) || !Double.isFinite(current) || !Double.isFinite(target)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(current / target * currentReplicas);
    }
}
