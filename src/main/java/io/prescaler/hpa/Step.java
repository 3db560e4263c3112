package io.prescaler.hpa;

import java.util.List;

/**
 * One HPA sync.
 *
 * @param second when the sync ran, in seconds of simulation time
 * @param currentReplicas the target's spec.replicas read at the start of the sync
 * @param readyPods the pods Ready at the sync
 * @param seenValues the value the HPA read for each metric, in {@code spec.metrics} order (replicas needed, for a
 *     traffic metric)
 * @param proposal the maximum of the metrics' proposals, before stabilization and rate limits; -1 when the sync
 *     skipped the metrics (current replicas outside min/max, or scaled to zero)
 * @param desiredReplicas the spec.replicas the sync left
 */
public record Step(
        long second, int currentReplicas, int readyPods, List<Double> seenValues, int proposal, int desiredReplicas) {

    public Step {
        seenValues = List.copyOf(seenValues);
    }

    public boolean scaled() {
        return desiredReplicas != currentReplicas;
    }
}
