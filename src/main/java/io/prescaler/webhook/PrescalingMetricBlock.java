package io.prescaler.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prescaler.schedule.MetricEncoding;

/**
 * The {@code spec.metrics[]} entry that makes an HPA consume the prescaling metric, in either encoding.
 *
 * <p>The selector names only the HPA (direct) or its target (legacy): prometheus-adapter adds the HPA's
 * namespace as a matcher itself, and the exporter labels every series with {@code namespace}.
 */
public final class PrescalingMetricBlock {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PrescalingMetricBlock() {}

    /** The label the selector matches on for this encoding: {@code hpa} (direct) or {@code deployment} (legacy). */
    public static String selectorLabel(MetricEncoding encoding) {
        return encoding == MetricEncoding.DIRECT ? "hpa" : "deployment";
    }

    /**
     * The block for an HPA: direct selects {@code hpa: <hpaName>}, legacy selects
     * {@code deployment: <targetName>}.
     */
    public static ObjectNode of(MetricEncoding encoding, String hpaName, String targetName) {
        String selectorValue = encoding == MetricEncoding.DIRECT ? hpaName : targetName;
        ObjectNode matchLabels = JSON.objectNode().put(selectorLabel(encoding), selectorValue);
        ObjectNode metric = JSON.objectNode().put("name", encoding.metricName());
        metric.putObject("selector").set("matchLabels", matchLabels);
        ObjectNode target = JSON.objectNode().put("type", encoding.targetType().apiName());
        String value = Integer.toString(encoding.targetValue());
        if (encoding.targetType() == MetricEncoding.TargetType.AVERAGE_VALUE) {
            target.put("averageValue", value);
        } else {
            target.put("value", value);
        }
        ObjectNode block = JSON.objectNode().put("type", "External");
        ObjectNode external = block.putObject("external");
        external.set("metric", metric);
        external.set("target", target);
        return block;
    }

    /** The metric name of an External entry, or null for any other entry. */
    public static String externalMetricName(JsonNode entry) {
        if (entry == null || !"External".equals(entry.path("type").asText(null))) {
            return null;
        }
        JsonNode name = entry.path("external").path("metric").path("name");
        return name.isTextual() ? name.asText() : null;
    }

    /** Whether the entry carries one of the two prescaling metric names. */
    public static boolean isPrescaling(JsonNode entry, MetricEncoding encoding) {
        return encoding.metricName().equals(externalMetricName(entry));
    }

    /**
     * Whether a legacy entry has exactly the shape this webhook writes in legacy mode, for whatever deployment
     * name: then it is ours to fix. Any other legacy entry was written by hand and is left alone.
     */
    public static boolean isCanonicalLegacy(JsonNode entry) {
        if (!isPrescaling(entry, MetricEncoding.LEGACY)) {
            return false;
        }
        JsonNode labels = entry.path("external").path("metric").path("selector").path("matchLabels");
        if (!labels.isObject()
                || labels.size() != 1
                || !labels.path("deployment").isTextual()) {
            return false;
        }
        String deployment = labels.path("deployment").asText();
        return entry.equals(of(MetricEncoding.LEGACY, "", deployment));
    }
}
