package io.prescaler.plan;

import io.prescaler.schedule.MetricEncoding;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How many replicas an HPA would run, given what the prescaling metric says over time. The one seam between
 * {@code plan} and a model of the HPA controller: a faithful model can replace {@link SimpleHpaModel} here.
 */
public interface ReplicaSimulation {

    /**
     * The replicas at each of the {@code samples} (ascending).
     *
     * @param feed the prescaling metric's value at an instant, for the replicas running then
     */
    List<Integer> replicas(Hpa hpa, List<Instant> samples, MetricFeed feed);

    /** What the HPA is: its bounds and the prescaling encoding it consumes, if any. */
    record Hpa(int minReplicas, int maxReplicas, Optional<MetricEncoding> encoding) {}

    /** The prescaling metric as the exporter would publish it. */
    @FunctionalInterface
    interface MetricFeed {
        long value(Instant at, int currentReplicas);
    }
}
