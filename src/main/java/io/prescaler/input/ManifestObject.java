package io.prescaler.input;

import com.fasterxml.jackson.databind.JsonNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One Kubernetes object of an input: a document, or an item of a {@code List} document.
 *
 * @param item the 1-based position in the document's {@code items}, 0 for a document that is the object itself
 * @param object the object; an item of a typed list ({@code HorizontalPodAutoscalerList}) gets the list's kind
 * @param node the object's YAML node, for source positions; null for JSON
 */
public record ManifestObject(YamlDocument document, int item, JsonNode object, Node node) {

    public String kind() {
        return object.path("kind").asText("");
    }

    public String apiVersion() {
        return object.path("apiVersion").asText("");
    }

    /** {@code namespace/name}, or the name alone when the object names no namespace. */
    public String key() {
        return keyOf(object);
    }

    /** {@code namespace/name} of any object, or its name alone when it names no namespace. */
    public static String keyOf(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        String name = metadata.path("name").asText("");
        String namespace = metadata.path("namespace").asText("");
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /** Where messages say it is: {@code SOURCE: document N} or {@code SOURCE: document N: item K (Kind ns/name)}. */
    public String where(String source) {
        String at = source + ": document " + document.number();
        return item == 0 ? at : at + ": item " + item + " (" + kind() + " " + key() + ")";
    }
}
