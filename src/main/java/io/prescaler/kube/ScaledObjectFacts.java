package io.prescaler.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The few facts about a KEDA {@code ScaledObject} ({@code keda.sh/v1alpha1}) that prescaling needs, read once from
 * the object, next to {@link HpaFacts} for HPAs: its annotations, its replica bounds with KEDA's defaults, and the
 * name of the HPA KEDA builds for it (whose status says how many replicas run).
 *
 * @param minReplicaCount {@code spec.minReplicaCount}, KEDA's default 0 when not set
 * @param maxReplicaCount {@code spec.maxReplicaCount}, KEDA's default 100 when not set
 * @param hpaName {@code status.hpaName}, else {@code spec.advanced.horizontalPodAutoscalerConfig.name}, else
 *     KEDA's {@code keda-hpa-<name>} (cut to 63 characters)
 */
public record ScaledObjectFacts(
        String namespace,
        String name,
        String targetKind,
        String targetName,
        Map<String, String> annotations,
        Map<String, String> labels,
        int minReplicaCount,
        int maxReplicaCount,
        String hpaName) {

    public static final String API_VERSION = "keda.sh/v1alpha1";
    public static final String KIND = "ScaledObject";
    /** KEDA's defaults for the replica bounds. */
    public static final int DEFAULT_MIN_REPLICAS = 0;

    public static final int DEFAULT_MAX_REPLICAS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    public ScaledObjectFacts {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        targetKind = targetKind == null || targetKind.isEmpty() ? "Deployment" : targetKind;
        targetName = targetName == null ? "" : targetName;
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        hpaName = hpaName == null || hpaName.isEmpty() ? kedaHpaName(name) : hpaName;
    }

    /** The name KEDA gives the HPA it builds: {@code keda-hpa-<name>}, cut to 63 characters as KEDA cuts it. */
    static String kedaHpaName(String name) {
        String full = "keda-hpa-" + name;
        return full.length() > 63 ? full.substring(0, 63) : full;
    }

    /** Whether the object is a KEDA ScaledObject of the version Prescaler reads. */
    public static boolean isScaledObject(JsonNode object) {
        return KIND.equals(object.path("kind").asText(""))
                && API_VERSION.equals(object.path("apiVersion").asText(""));
    }

    public static ScaledObjectFacts of(GenericKubernetesResource scaledObject) {
        return of((JsonNode) JSON.valueToTree(scaledObject));
    }

    /** Reads a ScaledObject as JSON; any field of the wrong type reads as absent, so one odd object never fails. */
    public static ScaledObjectFacts of(JsonNode scaledObject) {
        JsonNode metadata = scaledObject.path("metadata");
        JsonNode spec = scaledObject.path("spec");
        JsonNode target = spec.path("scaleTargetRef");
        String hpaName = scaledObject.path("status").path("hpaName").asText("");
        if (hpaName.isEmpty()) {
            hpaName = spec.path("advanced")
                    .path("horizontalPodAutoscalerConfig")
                    .path("name")
                    .asText("");
        }
        return new ScaledObjectFacts(
                metadata.path("namespace").asText(""),
                metadata.path("name").asText(""),
                target.path("kind").asText(""),
                target.path("name").asText(""),
                strings(metadata.path("annotations")),
                strings(metadata.path("labels")),
                count(spec.path("minReplicaCount"), DEFAULT_MIN_REPLICAS),
                count(spec.path("maxReplicaCount"), DEFAULT_MAX_REPLICAS),
                hpaName);
    }

    private static int count(JsonNode node, int absent) {
        return node.isIntegralNumber() && node.canConvertToInt() ? node.asInt() : absent;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> result = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                result.put(e.getKey(), e.getValue().asText());
            }
        });
        return result;
    }

    public String key() {
        return namespace + "/" + name;
    }

    /** The key of the HPA KEDA builds for this ScaledObject. */
    public String hpaKey() {
        return namespace + "/" + hpaName;
    }

    /**
     * The HPA's minimum as KEDA writes it: {@code minReplicaCount}, or 1 when that is 0 (KEDA scales the workload
     * to zero itself, the HPA cannot).
     */
    public int hpaMinReplicas() {
        return Math.max(1, minReplicaCount);
    }

    /** What is wrong with the replica bounds, as KEDA's validation says it; empty when they are usable. */
    public Optional<String> replicaBoundsProblem() {
        if (maxReplicaCount >= 1 && minReplicaCount >= 0 && minReplicaCount <= maxReplicaCount) {
            return Optional.empty();
        }
        return Optional.of("spec.minReplicaCount " + minReplicaCount + " and spec.maxReplicaCount " + maxReplicaCount
                + " do not satisfy 0 <= minReplicaCount <= maxReplicaCount, maxReplicaCount >= 1");
    }
}
