package io.prescaler.plan;

import io.prescaler.schedule.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What the plan assumes about the cluster the HPAs run in.
 *
 * @param kubernetesVersion whose HPA controller is modelled (the tolerance test changed in 1.33)
 * @param pipelineDelay D: the metric value an HPA reads was computed this long before its sync (scrape interval,
 *     adapter query, HPA sync; docs/hpa-model.md §5)
 * @param initialReplicas the replicas every Deployment runs when the simulation starts; empty means each HPA's
 *     status.currentReplicas when it has one, else its minReplicas
 */
public record PlanAssumptions(
        KubernetesVersion kubernetesVersion, Duration pipelineDelay, OptionalInt initialReplicas) {

    public static final KubernetesVersion DEFAULT_KUBERNETES_VERSION = new KubernetesVersion(1, 33);
    public static final Duration DEFAULT_PIPELINE_DELAY = Duration.ofSeconds(30);

    /** Far above any real scrape interval plus adapter query; bounds the time the model looks back. */
    public static final Duration LONGEST_PIPELINE_DELAY = Duration.ofHours(1);

    public PlanAssumptions {
        Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
        Objects.requireNonNull(initialReplicas, "initialReplicas");
        if (pipelineDelay.isNegative()
                || pipelineDelay.compareTo(LONGEST_PIPELINE_DELAY) > 0
                || pipelineDelay.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("--pipeline-delay must be a whole number of seconds from 0 to "
                    + Durations.format(LONGEST_PIPELINE_DELAY) + ", got " + Durations.format(pipelineDelay));
        }
        if (initialReplicas.isPresent() && initialReplicas.getAsInt() < 0) {
            throw new IllegalArgumentException("--initial-replicas must be >= 0, got " + initialReplicas.getAsInt());
        }
    }

    public static PlanAssumptions defaults() {
        return new PlanAssumptions(DEFAULT_KUBERNETES_VERSION, DEFAULT_PIPELINE_DELAY, OptionalInt.empty());
    }
}
