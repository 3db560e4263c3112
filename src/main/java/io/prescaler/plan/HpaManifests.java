package io.prescaler.plan;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the autoscaling/v2 HPAs of a multi-document YAML (or JSON) text: plain documents and {@code kind: List}
 * items; documents of other kinds (a Deployment next to its HPA) are passed over.
 */
public final class HpaManifests {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private HpaManifests() {}

    /**
     * @param source the file name, for messages
     * @throws IllegalArgumentException naming the source when the text is not YAML or holds an HPA of another
     *     API version
     */
    public static List<HorizontalPodAutoscaler> read(String text, String source) {
        List<HorizontalPodAutoscaler> hpas = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                YAML.readerFor(JsonNode.class).readValues(text)) {
            while (documents.hasNext()) {
                collect(documents.next(), source, hpas);
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(source + ": cannot be read: " + e.getMessage());
        }
        return hpas;
    }

    private static void collect(JsonNode document, String source, List<HorizontalPodAutoscaler> into) {
        if (document == null || !document.isObject()) {
            return;
        }
        String kind = document.path("kind").asText("");
        if (kind.equals("List") || kind.endsWith("List") && document.has("items")) {
            document.path("items").forEach(item -> collect(item, source, into));
            return;
        }
        if (!kind.equals("HorizontalPodAutoscaler")) {
            return;
        }
        String apiVersion = document.path("apiVersion").asText("");
        if (!apiVersion.equals("autoscaling/v2")) {
            throw new IllegalArgumentException(source + ": HorizontalPodAutoscaler "
                    + document.path("metadata").path("name").asText("?") + " is " + apiVersion
                    + "; prescaling works on autoscaling/v2 HPAs");
        }
        into.add(KUBERNETES.convertValue(document, HorizontalPodAutoscaler.class));
    }
}
