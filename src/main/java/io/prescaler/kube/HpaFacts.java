package io.prescaler.kube;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.prescaler.hpa.Demand;
import io.prescaler.schedule.MetricEncoding;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The few facts about an {@code autoscaling/v2} HPA that prescaling needs, read once from the Kubernetes object so
 * that the decisions downstream never touch Kubernetes types.
 *
 * @param currentReplicas {@code status.currentReplicas}, 0 when the HPA has no status yet
 * @param minReplicas {@code spec.minReplicas}, 1 (the API server's default) when it is not set
 * @param demand the replicas the HPA's other metrics ask for ({@link Demand#of}), read with the rest so that the
 *     exporter's memo of facts per HPA object holds it too; empty when none of them can say
 * @param key {@code namespace/name}, always made from those two whatever is passed: kept with the facts so that
 *     the exporter, which looks every HPA up by it at every scrape, builds and hashes it once per object
 */
public record HpaFacts(
        String namespace,
        String name,
        String targetName,
        Map<String, String> annotations,
        Map<String, String> labels,
        int maxReplicas,
        int currentReplicas,
        List<String> externalMetricNames,
        int minReplicas,
        Optional<Demand> demand,
        String key) {

    public HpaFacts(
            String namespace,
            String name,
            String targetName,
            Map<String, String> annotations,
            Map<String, String> labels,
            int maxReplicas,
            int currentReplicas,
            List<String> externalMetricNames,
            int minReplicas,
            Optional<Demand> demand) {
        this(
                namespace,
                name,
                targetName,
                annotations,
                labels,
                maxReplicas,
                currentReplicas,
                externalMetricNames,
                minReplicas,
                demand,
                null);
    }

    /** An HPA whose demand is not known. */
    public HpaFacts(
            String namespace,
            String name,
            String targetName,
            Map<String, String> annotations,
            Map<String, String> labels,
            int maxReplicas,
            int currentReplicas,
            List<String> externalMetricNames,
            int minReplicas) {
        this(
                namespace,
                name,
                targetName,
                annotations,
                labels,
                maxReplicas,
                currentReplicas,
                externalMetricNames,
                minReplicas,
                Optional.empty());
    }

    /** An HPA with the API server's default {@code minReplicas} of 1. */
    public HpaFacts(
            String namespace,
            String name,
            String targetName,
            Map<String, String> annotations,
            Map<String, String> labels,
            int maxReplicas,
            int currentReplicas,
            List<String> externalMetricNames) {
        this(namespace, name, targetName, annotations, labels, maxReplicas, currentReplicas, externalMetricNames, 1);
    }

    public HpaFacts {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        targetName = targetName == null ? "" : targetName;
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        externalMetricNames = List.copyOf(externalMetricNames);
        demand = demand == null ? Optional.empty() : demand;
        key = namespace + "/" + name;
    }

    public static HpaFacts of(HorizontalPodAutoscaler hpa) {
        HorizontalPodAutoscalerSpec spec =
                Optional.ofNullable(hpa.getSpec()).orElseGet(HorizontalPodAutoscalerSpec::new);
        List<String> externals = Optional.ofNullable(spec.getMetrics()).orElse(List.of()).stream()
                .filter(Objects::nonNull)
                .filter(m -> "External".equals(m.getType()) && m.getExternal() != null)
                .map(MetricSpec::getExternal)
                .filter(e -> e.getMetric() != null && e.getMetric().getName() != null)
                .map(e -> e.getMetric().getName())
                .toList();
        int currentReplicas = hpa.getStatus() == null || hpa.getStatus().getCurrentReplicas() == null
                ? 0
                : hpa.getStatus().getCurrentReplicas();
        return new HpaFacts(
                hpa.getMetadata().getNamespace() == null
                        ? ""
                        : hpa.getMetadata().getNamespace(),
                hpa.getMetadata().getName() == null ? "" : hpa.getMetadata().getName(),
                spec.getScaleTargetRef() == null ? "" : spec.getScaleTargetRef().getName(),
                hpa.getMetadata().getAnnotations(),
                hpa.getMetadata().getLabels(),
                spec.getMaxReplicas() == null ? 0 : spec.getMaxReplicas(),
                currentReplicas,
                externals,
                spec.getMinReplicas() == null ? 1 : spec.getMinReplicas(),
                Demand.of(MetricReadings.of(hpa), currentReplicas));
    }

    /**
     * What is wrong with the replica bounds, as the API server's validation would say it; empty when
     * {@code 0 <= minReplicas <= maxReplicas} and {@code maxReplicas >= 1}.
     */
    public Optional<String> replicaBoundsProblem() {
        if (maxReplicas >= 1 && minReplicas >= 0 && minReplicas <= maxReplicas) {
            return Optional.empty();
        }
        return Optional.of("spec.minReplicas " + minReplicas + " and spec.maxReplicas " + maxReplicas
                + " do not satisfy 0 <= minReplicas <= maxReplicas, maxReplicas >= 1");
    }

    public boolean consumesMetric(String metricName) {
        return externalMetricNames.contains(metricName);
    }

    /** The prescaling encoding the HPA consumes: the one the webhook injects wins when, oddly, both are there. */
    public Optional<MetricEncoding> consumedEncoding() {
        for (MetricEncoding encoding : MetricEncoding.values()) {
            if (consumesMetric(encoding.metricName())) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }
}
