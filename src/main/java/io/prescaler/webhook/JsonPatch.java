package io.prescaler.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An RFC 6902 JSON Patch. {@link #applyTo} supports the operations this webhook writes (add, replace, remove),
 * so that {@code mutate} applies exactly the patch the webhook would send.
 */
public record JsonPatch(List<PatchOperation> operations) {

    public static final JsonPatch EMPTY = new JsonPatch(List.of());

    public JsonPatch {
        operations = List.copyOf(operations);
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }

    public int size() {
        return operations.size();
    }

    public ArrayNode toJson() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        operations.forEach(op -> array.add(op.toJson()));
        return array;
    }

    /** Applies the patch to a copy of {@code document}; the argument is left untouched. */
    public JsonNode applyTo(JsonNode document) {
        JsonNode result = document.deepCopy();
        for (PatchOperation op : operations) {
            apply(result, op);
        }
        return result;
    }

    private static void apply(JsonNode root, PatchOperation op) {
        String path = op.path();
        int slash = path.lastIndexOf('/');
        if (!path.startsWith("/") || slash < 0) {
            throw new IllegalArgumentException("unsupported JSON Patch path " + path);
        }
        JsonNode parent = root.at(path.substring(0, slash));
        String last = unescape(path.substring(slash + 1));
        if (parent instanceof ObjectNode object) {
            switch (op.op()) {
                case "add", "replace" -> object.set(last, op.value().deepCopy());
                case "remove" -> object.remove(last);
                default -> throw new IllegalArgumentException("unsupported JSON Patch op " + op.op());
            }
        } else if (parent instanceof ArrayNode array) {
            switch (op.op()) {
                case "add" -> {
                    if ("-".equals(last)) {
                        array.add(op.value().deepCopy());
                    } else {
                        array.insert(Integer.parseInt(last), op.value().deepCopy());
                    }
                }
                case "replace" -> array.set(Integer.parseInt(last), op.value().deepCopy());
                case "remove" -> array.remove(Integer.parseInt(last));
                default -> throw new IllegalArgumentException("unsupported JSON Patch op " + op.op());
            }
        } else {
            throw new IllegalArgumentException("JSON Patch path " + path + " has no parent container");
        }
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
