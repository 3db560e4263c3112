package io.prescaler.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** One RFC 6902 operation, written by hand so that the patch says exactly what changes and nothing else. */
public record PatchOperation(String op, String path, JsonNode value) {

    public PatchOperation {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(path, "path");
    }

    public static PatchOperation add(String path, JsonNode value) {
        return new PatchOperation("add", path, Objects.requireNonNull(value, "value"));
    }

    public static PatchOperation replace(String path, JsonNode value) {
        return new PatchOperation("replace", path, Objects.requireNonNull(value, "value"));
    }

    public static PatchOperation remove(String path) {
        return new PatchOperation("remove", path, null);
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("op", op);
        node.put("path", path);
        if (value != null) {
            node.set("value", value.deepCopy());
        }
        return node;
    }
}
