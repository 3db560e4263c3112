package io.prescaler.webhook;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one AdmissionReview body in one pass of Jackson's streaming parser, keeping what the codec checks and the
 * reviewers read: the review's apiVersion and kind and the request's identity as small trees, its objects as
 * {@link AdmittedObject}s, whose spec alone is a tree. Every other value (an HPA's managedFields and status, the
 * request's userInfo) is read token by token and dropped.
 *
 * <p>As strict as the tree it replaces: a member name given twice in any object, kept or dropped, is refused in
 * Jackson's words ({@code Duplicate field 'uid'}), since two {@code uid}s or two {@code object}s would let a body
 * mean different things to different readers; Jackson's own detection is not used because it builds a hash set for
 * every object of three members or more ({@link MemberNames} costs less). Nothing recurses: nesting costs heap in
 * proportion to the body, which the server bounds, and Jackson's parser refuses nesting deeper than its limit.
 */
final class AdmissionReviewReader {

    /**
     * The parts of a review the codec checks.
     *
     * @param apiVersion null when absent
     * @param kind null when absent
     * @param request null when absent or not a JSON object
     */
    record Review(JsonNode apiVersion, JsonNode kind, Request request) {}

    /**
     * The request's members the codec checks, as trees (null when absent), and its objects (null when absent, null
     * or not JSON objects).
     */
    record Request(
            JsonNode uid,
            JsonNode kind,
            JsonNode operation,
            JsonNode subResource,
            JsonNode namespace,
            JsonNode name,
            JsonNode dryRun,
            AdmittedObject object,
            AdmittedObject oldObject) {}

    private final JsonParser parser;
    private final ObjectMapper mapper;
    private final JsonNodeFactory nodes;
    private final MemberNames names = new MemberNames();

    AdmissionReviewReader(JsonParser parser, ObjectMapper mapper) {
        this.parser = parser;
        this.mapper = mapper;
        this.nodes = mapper.getNodeFactory();
    }

    /**
     * Reads the body's first value whole, leaving the parser on its last token.
     *
     * @return the review; null when the body holds no value, or one that is not a JSON object
     */
    Review read() throws IOException {
        JsonToken first = next();
        if (first == null) {
            return null;
        }
        if (first != JsonToken.START_OBJECT) {
            skip();
            return null;
        }
        JsonNode apiVersion = null;
        JsonNode kind = null;
        Request request = null;
        while (next() == JsonToken.FIELD_NAME) {
            String member = parser.currentName();
            next();
            switch (member) {
                case "apiVersion" -> apiVersion = tree();
                case "kind" -> kind = tree();
                case "request" -> request = request();
                default -> skip();
            }
        }
        return new Review(apiVersion, kind, request);
    }

    private Request request() throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            skip();
            return null;
        }
        JsonNode uid = null;
        JsonNode kind = null;
        JsonNode operation = null;
        JsonNode subResource = null;
        JsonNode namespace = null;
        JsonNode name = null;
        JsonNode dryRun = null;
        AdmittedObject object = null;
        AdmittedObject oldObject = null;
        while (next() == JsonToken.FIELD_NAME) {
            String member = parser.currentName();
            next();
            switch (member) {
                case "uid" -> uid = tree();
                case "kind" -> kind = tree();
                case "operation" -> operation = tree();
                case "subResource" -> subResource = tree();
                case "namespace" -> namespace = tree();
                case "name" -> name = tree();
                case "dryRun" -> dryRun = tree();
                case "object" -> object = object();
                case "oldObject" -> oldObject = object();
                default -> skip();
            }
        }
        return new Request(uid, kind, operation, subResource, namespace, name, dryRun, object, oldObject);
    }

    /** {@code request.object} or {@code request.oldObject}; null when not a JSON object. */
    private AdmittedObject object() throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            skip();
            return null;
        }
        ObjectParts parts = new ObjectParts();
        while (next() == JsonToken.FIELD_NAME) {
            String member = parser.currentName();
            next();
            switch (member) {
                case "kind" -> parts.kind = text();
                case "metadata" -> metadata(parts);
                case "spec" -> parts.spec = tree();
                default -> skip();
            }
        }
        return parts.object();
    }

    private void metadata(ObjectParts parts) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            skip();
            return;
        }
        while (next() == JsonToken.FIELD_NAME) {
            String member = parser.currentName();
            JsonToken value = next();
            switch (member) {
                case "name" -> parts.name = text();
                case "namespace" -> parts.namespace = text();
                case "annotations" -> annotations(parts);
                case "ownerReferences" -> ownerReferences(parts);
                case "deletionTimestamp" -> {
                    parts.deleting = value != JsonToken.VALUE_NULL;
                    skip();
                }
                default -> skip();
            }
        }
    }

    /** Every value as text, as {@link AdmittedObject#of} reads them, and the first that is not a string named. */
    private void annotations(ObjectParts parts) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            parts.annotationsProblem = AdmittedObject.NOT_A_MAP;
            skip();
            return;
        }
        parts.annotations = new LinkedHashMap<>();
        while (next() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            if (next() == JsonToken.VALUE_STRING) {
                parts.annotations.put(key, parser.getText());
            } else {
                if (parts.annotationsProblem == null) {
                    parts.annotationsProblem = AdmittedObject.notAString(key);
                }
                parts.annotations.put(key, tree().asText());
            }
        }
    }

    /** The owners in a list, or the values of a map (as a tree's iteration takes them); any other value has none. */
    private void ownerReferences(ObjectParts parts) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_ARRAY) {
            while (next() != JsonToken.END_ARRAY) {
                owner(parts);
            }
        } else if (token == JsonToken.START_OBJECT) {
            while (next() == JsonToken.FIELD_NAME) {
                next();
                owner(parts);
            }
        } else {
            skip();
        }
    }

    private void owner(ObjectParts parts) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            skip();
            return;
        }
        String kind = "";
        String apiVersion = "";
        String name = "";
        while (next() == JsonToken.FIELD_NAME) {
            String member = parser.currentName();
            next();
            switch (member) {
                case "kind" -> kind = text();
                case "apiVersion" -> apiVersion = text();
                case "name" -> name = text();
                default -> skip();
            }
        }
        if (parts.scaledObjectOwner == null && AdmittedObject.isScaledObject(kind, apiVersion)) {
            parts.scaledObjectOwner = name;
        }
    }

    /** The value at the current token as {@link JsonNode#asText(String)} reads it, "" for no text. */
    private String text() throws IOException {
        return parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : tree().asText("");
    }

    /**
     * The value at the current token as a tree, the very tree Jackson's {@code readTree} builds (the tests compare
     * them), built without recursion.
     */
    private JsonNode tree() throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return scalar(token);
        }
        ContainerNode<?> root = token == JsonToken.START_OBJECT ? nodes.objectNode() : nodes.arrayNode();
        Deque<ContainerNode<?>> containers = new ArrayDeque<>();
        containers.push(root);
        String member = null;
        while (!containers.isEmpty()) {
            token = next();
            if (token == JsonToken.FIELD_NAME) {
                member = parser.currentName();
                continue;
            }
            if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                containers.pop();
                continue;
            }
            JsonNode value;
            if (token == JsonToken.START_OBJECT) {
                value = nodes.objectNode();
            } else if (token == JsonToken.START_ARRAY) {
                value = nodes.arrayNode();
            } else {
                value = scalar(token);
            }
            if (containers.peek() instanceof ObjectNode object) {
                object.set(member, value);
            } else {
                ((ArrayNode) containers.peek()).add(value);
            }
            if (value instanceof ContainerNode<?> container) {
                containers.push(container);
            }
        }
        return root;
    }

    private JsonNode scalar(JsonToken token) throws IOException {
        if (token == null) {
            throw new JsonParseException(parser, "Unexpected end-of-input");
        }
        return switch (token) {
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
                // Floats, rare in a review, as Jackson's tree reader builds them (double or decimal, by its settings).
            default -> mapper.readTree(parser);
        };
    }

    /** Reads past the value at the current token, checking the member names of the objects in it. */
    private void skip() throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return;
        }
        for (int containers = 1; containers > 0; ) {
            token = next();
            if (token == null) {
                throw new JsonParseException(parser, "Unexpected end-of-input");
            }
            if (token.isStructStart()) {
                containers++;
            } else if (token.isStructEnd()) {
                containers--;
            }
        }
    }

    /** The next token, every member name checked against the others of its object. */
    private JsonToken next() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (!names.add(name)) {
                throw new JsonParseException(parser, "Duplicate field '" + name + "'");
            }
        } else if (token == JsonToken.START_OBJECT) {
            names.open();
        } else if (token == JsonToken.END_OBJECT) {
            names.close();
        }
        return token;
    }

    /** What has been read of one object so far. */
    private static final class ObjectParts {
        String kind = "";
        String name = "";
        String namespace = "";
        Map<String, String> annotations = Map.of();
        String annotationsProblem;
        String scaledObjectOwner;
        boolean deleting;
        JsonNode spec = MissingNode.getInstance();

        AdmittedObject object() {
            return new AdmittedObject(
                    kind,
                    name,
                    namespace,
                    annotations,
                    Optional.ofNullable(annotationsProblem),
                    Optional.ofNullable(scaledObjectOwner),
                    deleting,
                    spec);
        }
    }
}
