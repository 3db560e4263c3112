package io.prescaler.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An independent, strict RFC 6902 applier for the tests (add, remove, replace, test), so that the webhook's patches
 * are checked by code other than the code that wrote them. Anything RFC 6902 calls an error throws.
 */
final class Rfc6902 {

    private Rfc6902() {}

    static JsonNode apply(JsonNode patch, JsonNode document) {
        if (!patch.isArray()) {
            throw new IllegalArgumentException("a JSON Patch is an array");
        }
        JsonNode result = document.deepCopy();
        for (JsonNode op : patch) {
            String path = op.get("path").asText();
            if (path.isEmpty()) {
                throw new IllegalArgumentException("whole-document operations are not expected here");
            }
            String parentPointer = path.substring(0, path.lastIndexOf('/'));
            String token =
                    path.substring(path.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
            JsonNode parent = result.at(parentPointer);
            if (parent.isMissingNode()) {
                throw new IllegalArgumentException("parent of " + path + " does not exist");
            }
            String kind = op.get("op").asText();
            switch (kind) {
                case "add" -> add(parent, token, op.get("value"), path);
                case "remove" -> remove(parent, token, path);
                case "replace" -> {
                    remove(parent, token, path);
                    add(parent, token, op.get("value"), path);
                }
                case "test" -> {
                    if (!result.at(path).equals(op.get("value"))) {
                        throw new IllegalArgumentException("test failed at " + path);
                    }
                }
                default -> throw new IllegalArgumentException("unexpected op " + kind);
            }
        }
        return result;
    }

    private static void add(JsonNode parent, String token, JsonNode value, String path) {
        if (value == null) {
            throw new IllegalArgumentException("add without value at " + path);
        }
        if (parent instanceof ObjectNode object) {
            object.set(token, value.deepCopy());
        } else if (parent instanceof ArrayNode array) {
            if ("-".equals(token)) {
                array.add(value.deepCopy());
                return;
            }
            int index = index(token, array.size(), path);
            array.insert(index, value.deepCopy());
        } else {
            throw new IllegalArgumentException("parent of " + path + " is not a container");
        }
    }

    private static void remove(JsonNode parent, String token, String path) {
        if (parent instanceof ObjectNode object) {
            if (!object.has(token)) {
                throw new IllegalArgumentException("nothing to remove at " + path);
            }
            object.remove(token);
        } else if (parent instanceof ArrayNode array) {
            int index = index(token, array.size() - 1, path);
            array.remove(index);
        } else {
            throw new IllegalArgumentException("parent of " + path + " is not a container");
        }
    }

    private static int index(String token, int max, String path) {
        if (!token.matches("0|[1-9]\\d*")) {
            throw new IllegalArgumentException("bad array index in " + path);
        }
        int index = Integer.parseInt(token);
        if (index > max || index < 0) {
            throw new IllegalArgumentException("array index out of bounds in " + path);
        }
        return index;
    }
}
