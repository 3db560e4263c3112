package io.prescaler.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The objects of a document: the document itself, or the items of a list ({@code kind: List} as {@code kubectl get
 * -o yaml} prints it, and typed lists such as {@code HorizontalPodAutoscalerList} whose items carry no kind).
 */
public final class ManifestObjects {

    private ManifestObjects() {}

    /** Whether the document is a list of objects rather than an object. */
    public static boolean isList(JsonNode document) {
        return document.isObject()
                && document.path("kind").asText("").endsWith("List")
                && document.path("items").isArray();
    }

    /** The document's objects; a document that is not a mapping has none. */
    public static List<ManifestObject> of(YamlDocument document) {
        JsonNode tree = document.tree();
        if (!tree.isObject()) {
            return List.of();
        }
        if (!isList(tree)) {
            return List.of(new ManifestObject(document, 0, tree, document.node()));
        }
        String itemKind = tree.path("kind").asText().replaceFirst("List$", "");
        SequenceNode itemNodes = YamlDocument.nodeAt(document.node(), List.of("items"))
                .filter(SequenceNode.class::isInstance)
                .map(SequenceNode.class::cast)
                .orElse(null);
        List<ManifestObject> objects = new ArrayList<>();
        for (int i = 0; i < tree.path("items").size(); i++) {
            JsonNode item = tree.path("items").get(i);
            if (!item.isObject()) {
                continue;
            }
            if (!item.has("kind") && !itemKind.isEmpty()) {
                item = ((ObjectNode) item.deepCopy())
                        .put("kind", itemKind)
                        .put("apiVersion", tree.path("apiVersion").asText());
            }
            Node node = itemNodes == null || i >= itemNodes.getValue().size()
                    ? null
                    : itemNodes.getValue().get(i);
            objects.add(new ManifestObject(document, i + 1, item, node));
        }
        return objects;
    }
}
