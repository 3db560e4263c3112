package io.prescaler.webhook;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads AdmissionReview requests strictly and writes AdmissionReview answers. Only the parts the decision reads are
 * kept ({@link AdmissionReviewReader}): an HPA's managedFields and status, often most of the body, are parsed but
 * never built, and of the objects only the spec becomes a tree.
 */
public final class AdmissionReviewCodec {

    public static final String API_VERSION = "admission.k8s.io/v1";
    public static final String KIND = "AdmissionReview";
    private static final int MAX_UID_LENGTH = 256;

    /** What a body turned out to be: a request to review, or a reason it cannot be one (with the uid if read). */
    public sealed interface Decoded {
        record Request(AdmissionRequest request) implements Decoded {}

        /** @param uid the request's uid when one could be read, else null */
        record Unreadable(String uid, String reason) implements Decoded {}
    }

    // Duplicate keys are refused, and trailing tokens: two "uid"s or two "object"s, or a second document, would let
    // a body mean different things to different readers. The reader refuses duplicates itself (in the parts it keeps
    // and in those it drops), more cheaply than the parser's own detection.
    private final JsonMapper mapper = JsonMapper.builder()
            // Answers are written to memory: a flush after each patch value would only copy bytes sooner.
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .build();

    public Decoded read(byte[] body) {
        if (body.length == 0) {
            return new Decoded.Unreadable(null, "empty body; expected an " + API_VERSION + " AdmissionReview");
        }
        AdmissionReviewReader.Review review;
        try (JsonParser parser = mapper.createParser(body)) {
            review = new AdmissionReviewReader(parser, mapper).read();
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                return new Decoded.Unreadable(
                        null, "body is not valid JSON: trailing token (of type " + trailing + ") after the review");
            }
        } catch (JsonProcessingException e) {
            return new Decoded.Unreadable(null, "body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            return new Decoded.Unreadable(null, "body is not valid JSON: " + e.getMessage());
        }
        if (review == null) {
            return new Decoded.Unreadable(null, "body is not a JSON object; expected an " + API_VERSION + " " + KIND);
        }
        AdmissionReviewReader.Request request = review.request();
        String uid = request == null ? null : uid(request.uid());
        if (!API_VERSION.equals(textOrNull(review.apiVersion())) || !KIND.equals(textOrNull(review.kind()))) {
            return new Decoded.Unreadable(
                    uid,
                    "apiVersion/kind is " + text(review.apiVersion()) + "/" + text(review.kind())
                            + "; expected " + API_VERSION + "/" + KIND
                            + " (set admissionReviewVersions: [v1] in the webhook configuration)");
        }
        if (request == null) {
            return new Decoded.Unreadable(null, "request is missing or not an object");
        }
        if (uid == null) {
            return new Decoded.Unreadable(null, "request.uid is missing, empty, not a string or too long");
        }
        JsonNode kind = request.kind();
        if (kind == null || !kind.isObject() || !isText(kind.get("version")) || !isText(kind.get("kind"))) {
            return new Decoded.Unreadable(uid, "request.kind is missing or has no version and kind");
        }
        if (!isOptionalText(kind.get("group"))
                || !isText(request.operation())
                || !isOptionalText(request.subResource())
                || !isOptionalText(request.namespace())
                || !isOptionalText(request.name())) {
            return new Decoded.Unreadable(
                    uid,
                    "request.operation must be a string, and group, subResource, namespace and name strings if set");
        }
        JsonNode dryRun = request.dryRun();
        if (dryRun != null && !dryRun.isNull() && !dryRun.isBoolean()) {
            return new Decoded.Unreadable(uid, "request.dryRun is not a boolean");
        }
        return new Decoded.Request(new AdmissionRequest(
                uid,
                new AdmissionRequest.GroupVersionKind(
                        kind.path("group").asText(""),
                        kind.get("version").asText(),
                        kind.get("kind").asText()),
                textOrEmpty(request.subResource()),
                request.operation().asText(),
                textOrEmpty(request.namespace()),
                textOrEmpty(request.name()),
                request.object(),
                request.oldObject(),
                dryRun != null && dryRun.asBoolean()));
    }

    /**
     * The AdmissionReview answering {@code response}, written straight to bytes: the same JSON as the tree of it
     * would serialise to (members in this order, the patch in standard Base64 with padding), without building one.
     */
    public byte[] write(AdmissionResponse response) {
        byte[] patch = response.isPatched() ? patchBytes(response.patch()) : null;
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(expectedLength(response, patch))) {
            try (JsonGenerator json = mapper.createGenerator(bytes)) {
                json.writeStartObject();
                json.writeStringField("apiVersion", API_VERSION);
                json.writeStringField("kind", KIND);
                json.writeObjectFieldStart("response");
                json.writeStringField("uid", response.uid());
                json.writeBooleanField("allowed", response.allowed());
                if (patch != null) {
                    json.writeStringField("patchType", "JSONPatch");
                    json.writeFieldName("patch");
                    json.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, patch, 0, patch.length);
                }
                AdmissionResponse.Status status = response.status();
                if (status != null) {
                    json.writeObjectFieldStart("status");
                    json.writeStringField("status", response.allowed() ? "Success" : "Failure");
                    json.writeNumberField("code", status.code());
                    json.writeStringField("reason", status.reason());
                    json.writeStringField("message", status.message());
                    json.writeEndObject();
                }
                if (!response.warnings().isEmpty()) {
                    json.writeArrayFieldStart("warnings");
                    for (String warning : response.warnings()) {
                        json.writeString(warning);
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an AdmissionReview", e);
        }
    }

    /**
     * About the length of the answer, so that its bytes are written into one buffer, not a chain of them: the fixed
     * members, the Base64 patch, the texts with some room for escapes.
     */
    private static int expectedLength(AdmissionResponse response, byte[] patch) {
        long length = 192L + response.uid().length();
        if (patch != null) {
            length += (patch.length + 2L) / 3 * 4;
        }
        if (response.status() != null) {
            length += 64L + response.status().message().length();
        }
        for (String warning : response.warnings()) {
            length += 4L + warning.length();
        }
        return (int) Math.min(length + length / 8, 1 << 20);
    }

    /** The JSON Patch as the API server reads it: an array of operations, each {@code op}, {@code path}, value. */
    public byte[] patchBytes(JsonPatch patch) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(64 + 320 * patch.size())) {
            try (JsonGenerator json = mapper.createGenerator(bytes)) {
                json.writeStartArray();
                for (PatchOperation operation : patch.operations()) {
                    json.writeStartObject();
                    json.writeStringField("op", operation.op());
                    json.writeStringField("path", operation.path());
                    if (operation.value() != null) {
                        json.writeFieldName("value");
                        writeTree(json, operation.value());
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON Patch", e);
        }
    }

    /**
     * Writes a tree as Jackson serialises it, without the serializer machinery its own writing takes (a provider
     * per value): containers, strings, whole numbers, doubles, booleans and nulls, which is what a parsed or built
     * tree holds; any other node goes through the mapper. Iterative, as a value copied from a request may be deep.
     */
    private void writeTree(JsonGenerator json, JsonNode tree) throws IOException {
        Deque<Iterator<?>> open = new ArrayDeque<>();
        JsonNode value = tree;
        while (value != null) {
            if (value.isObject()) {
                json.writeStartObject();
                open.push(value.fields());
            } else if (value.isArray()) {
                json.writeStartArray();
                open.push(value.elements());
            } else {
                writeScalar(json, value);
            }
            value = null;
            while (value == null && !open.isEmpty()) {
                Iterator<?> members = open.peek();
                if (!members.hasNext()) {
                    open.pop();
                    if (json.getOutputContext().inObject()) {
                        json.writeEndObject();
                    } else {
                        json.writeEndArray();
                    }
                    continue;
                }
                Object next = members.next();
                if (next instanceof Map.Entry<?, ?> member) {
                    json.writeFieldName((String) member.getKey());
                    value = (JsonNode) member.getValue();
                } else {
                    value = (JsonNode) next;
                }
            }
        }
    }

    private void writeScalar(JsonGenerator json, JsonNode value) throws IOException {
        switch (value.getNodeType()) {
            case STRING -> json.writeString(value.textValue());
            case BOOLEAN -> json.writeBoolean(value.booleanValue());
            case NULL -> json.writeNull();
            case NUMBER -> {
                switch (value.numberType()) {
                    case INT -> json.writeNumber(value.intValue());
                    case LONG -> json.writeNumber(value.longValue());
                    case BIG_INTEGER -> json.writeNumber(value.bigIntegerValue());
                    case DOUBLE -> json.writeNumber(value.doubleValue());
                    default -> mapper.writeTree(json, value);
                }
            }
            default -> mapper.writeTree(json, value);
        }
    }

    private static String uid(JsonNode uid) {
        if (uid == null
                || !uid.isTextual()
                || uid.asText().isBlank()
                || uid.asText().length() > MAX_UID_LENGTH) {
            return null;
        }
        return uid.asText();
    }

    /** The member as {@code path(member).asText(null)} reads it in the review's tree. */
    private static String textOrNull(JsonNode node) {
        return node == null ? null : node.asText(null);
    }

    /** The member as {@code path(member).asText("")} reads it in the review's tree. */
    private static String textOrEmpty(JsonNode node) {
        return node == null ? "" : node.asText("");
    }

    private static boolean isText(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isEmpty();
    }

    private static boolean isOptionalText(JsonNode node) {
        return node == null || node.isNull() || node.isTextual();
    }

    private static String text(JsonNode node) {
        if (node == null) {
            return "(missing)";
        }
        String value = node.isTextual() ? node.asText() : node.toString();
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
