package io.prescaler.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The HPA KEDA builds from a ScaledObject, as {@code plan} needs it: the ScaledObject's name, labels and annotations
 * (the prescaling annotations live there), its target, {@code minReplicaCount} (0 becomes the HPA's 1: KEDA scales
 * to zero itself) and {@code maxReplicaCount} with KEDA's defaults, the behavior from
 * {@code advanced.horizontalPodAutoscalerConfig}, a Resource metric per {@code cpu} or {@code memory} trigger, and,
 * when the ScaledObject has Prescaler's trigger, the prescaling metric KEDA serves from it (the
 * {@code prescaling_min_replicas} value, AverageValue 1).
 */
public final class KedaHpas {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> EXTERNAL = Set.of("external", "external-push");

    private KedaHpas() {}

    /** The autoscaling/v2 HPA, as JSON, for a ScaledObject ({@link HpaObjects#isScaledObject}). */
    public static ObjectNode of(JsonNode scaledObject) {
        JsonNode metadata = scaledObject.path("metadata");
        JsonNode spec = scaledObject.path("spec");
        ObjectNode hpa = JSON.objectNode();
        hpa.put("apiVersion", "autoscaling/v2");
        hpa.put("kind", "HorizontalPodAutoscaler");
        ObjectNode hpaMetadata = hpa.putObject("metadata");
        for (String field : new String[] {"name", "namespace", "labels", "annotations"}) {
            if (metadata.has(field)) {
                hpaMetadata.set(field, metadata.get(field).deepCopy());
            }
        }
        ObjectNode hpaSpec = hpa.putObject("spec");
        JsonNode target = spec.path("scaleTargetRef");
        ObjectNode ref = hpaSpec.putObject("scaleTargetRef");
        ref.put("apiVersion", target.path("apiVersion").asText("apps/v1"));
        ref.put("kind", target.path("kind").asText("Deployment"));
        ref.set("name", target.path("name").deepCopy());
        JsonNode min = spec.path("minReplicaCount");
        hpaSpec.put("minReplicas", min.canConvertToInt() ? Math.max(1, min.asInt()) : 1);
        JsonNode max = spec.path("maxReplicaCount");
        if (max.isMissingNode() || max.isNull()) {
            hpaSpec.put("maxReplicas", 100);
        } else {
            hpaSpec.set("maxReplicas", max.deepCopy());
        }
        JsonNode behavior =
                spec.path("advanced").path("horizontalPodAutoscalerConfig").path("behavior");
        if (behavior.isObject()) {
            hpaSpec.set("behavior", behavior.deepCopy());
        }
        ArrayNode metrics = hpaSpec.putArray("metrics");
        for (JsonNode trigger : spec.path("triggers")) {
            String type = trigger.path("type").asText("");
            if ((type.equals("cpu") || type.equals("memory"))
                    && trigger.path("metadata").path("value").canConvertToInt()) {
                metrics.add(resource(type, trigger));
            } else if (EXTERNAL.contains(type)
                    && "prescaling".equals(trigger.path("name").asText(""))) {
                metrics.add(prescaling(metadata.path("name").asText("")));
            }
        }
        return hpa;
    }

    private static ObjectNode resource(String type, JsonNode trigger) {
        ObjectNode metric = JSON.objectNode().put("type", "Resource");
        ObjectNode resource = metric.putObject("resource").put("name", type);
        int value = trigger.path("metadata").path("value").asInt();
        String metricType = trigger.path("metricType").asText("Utilization");
        ObjectNode target = resource.putObject("target").put("type", metricType);
        if (metricType.equals("Utilization")) {
            target.put("averageUtilization", value);
        } else {
            target.put(metricType.equals("AverageValue") ? "averageValue" : "value", String.valueOf(value));
        }
        return metric;
    }

    private static ObjectNode prescaling(String name) {
        ObjectNode metric = JSON.objectNode().put("type", "External");
        ObjectNode external = metric.putObject("external");
        ObjectNode id = external.putObject("metric").put("name", "prescaling_min_replicas");
        id.putObject("selector").putObject("matchLabels").put("hpa", name);
        external.putObject("target").put("type", "AverageValue").put("averageValue", "1");
        return metric;
    }
}
