package io.prescaler.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code spec.triggers[]} entry of a KEDA ScaledObject that makes KEDA ask Prescaler's external scaler, the
 * ScaledObject's counterpart of {@link PrescalingMetricBlock}: {@code type: external}, {@code name: prescaling},
 * {@code metricType: AverageValue} (the value is in replicas, read against the target 1 the scaler names) and
 * {@code metadata.scalerAddress}.
 *
 * <p>A trigger is Prescaler's when it is of type {@code external} or {@code external-push} and is named
 * {@code prescaling} or points at the scaler's address: the name survives a change of address, the address
 * recognises a trigger written by hand without the name.
 *
 * @param scalerAddress {@code host:port} of the exporter's gRPC port, as KEDA's operator reaches it
 */
public record ScalerTrigger(String scalerAddress) {

    /** The install's exporter Service and gRPC port, as the webhook flag defaults to. */
    public static final String DEFAULT_ADDRESS = "prescaler-exporter.prescaler.svc:9090";

    public static final String NAME = "prescaling";
    public static final String TYPE = "external";
    private static final Set<String> TYPES = Set.of(TYPE, "external-push");

    public ScalerTrigger {
        Objects.requireNonNull(scalerAddress, "scalerAddress");
        if (scalerAddress.isBlank()) {
            throw new IllegalArgumentException("the scaler address must not be blank");
        }
    }

    /** Whether the trigger is Prescaler's (see the class comment). */
    public boolean isOurs(JsonNode trigger) {
        if (trigger == null || !TYPES.contains(trigger.path("type").asText(""))) {
            return false;
        }
        return NAME.equals(trigger.path("name").asText(null))
                || scalerAddress.equals(
                        trigger.path("metadata").path("scalerAddress").asText(null));
    }

    /** The canonical trigger. */
    public ObjectNode wanted() {
        ObjectNode trigger = JsonNodeFactory.instance.objectNode();
        trigger.put("type", TYPE);
        trigger.put("name", NAME);
        trigger.put("metricType", "AverageValue");
        trigger.putObject("metadata").put("scalerAddress", scalerAddress);
        return trigger;
    }

    /**
     * Our trigger as it should be, starting from the one the ScaledObject has: the type ({@code external-push}
     * stays), the name, the metric type and the address are set; whatever else the team added (TLS metadata such as
     * {@code caCert}, an {@code authenticationRef}) is kept.
     */
    public ObjectNode fixed(JsonNode existing) {
        if (existing == null || !existing.isObject()) {
            return wanted();
        }
        ObjectNode trigger = existing.deepCopy();
        if (!TYPES.contains(trigger.path("type").asText(""))) {
            trigger.put("type", TYPE);
        }
        trigger.put("name", NAME);
        trigger.put("metricType", "AverageValue");
        JsonNode metadata = trigger.path("metadata");
        ObjectNode fixedMetadata = metadata.isObject() ? (ObjectNode) metadata : JsonNodeFactory.instance.objectNode();
        fixedMetadata.put("scalerAddress", scalerAddress);
        trigger.set("metadata", fixedMetadata);
        return trigger;
    }
}
