package io.prescaler.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * Which parts of an AdmissionReview are built into a tree while it is parsed: the members of an object each have
 * their own shape, the others share one; {@link #ALL} keeps a value whole, {@link #NONE} skips it. A value that is
 * not an object where one is expected is kept whole, for the codec to name the mistake.
 */
final class ReviewShape {

    static final ReviewShape ALL = new ReviewShape(Map.of(), null);
    static final ReviewShape NONE = new ReviewShape(Map.of(), null);

    /** An HPA as the reviewer reads it: kind, metadata without managedFields, spec; no status. */
    private static final ReviewShape OBJECT = new ReviewShape(
            Map.of("metadata", new ReviewShape(Map.of("managedFields", NONE), ALL), "status", NONE), ALL);

    private static final ReviewShape REQUEST = new ReviewShape(
            Map.of(
                    "uid", ALL,
                    "kind", ALL,
                    "operation", ALL,
                    "subResource", ALL,
                    "namespace", ALL,
                    "name", ALL,
                    "dryRun", ALL,
                    "object", OBJECT,
                    "oldObject", OBJECT),
            NONE);

    /** The review: apiVersion, kind and the request's fields the webhook decides on (not userInfo, options...). */
    static final ReviewShape REVIEW = new ReviewShape(Map.of("apiVersion", ALL, "kind", ALL, "request", REQUEST), NONE);

    private final Map<String, ReviewShape> members;
    private final ReviewShape others;

    private ReviewShape(Map<String, ReviewShape> members, ReviewShape others) {
        this.members = members;
        this.others = others;
    }

    /**
     * Reads the value at the parser's current token, leaving the parser on its last token.
     *
     * @return the value as far as this shape keeps it; null when skipped
     */
    JsonNode read(JsonParser parser, ObjectMapper mapper) throws IOException {
        if (this == NONE) {
            parser.skipChildren();
            return null;
        }
        if (this == ALL || parser.currentToken() != JsonToken.START_OBJECT) {
            return mapper.readTree(parser);
        }
        ObjectNode node = mapper.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            JsonNode value = members.getOrDefault(name, others).read(parser, mapper);
            if (value != null) {
                node.set(name, value);
            }
        }
        return node;
    }
}
