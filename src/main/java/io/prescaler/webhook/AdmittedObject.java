package io.prescaler.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the reviewers read of an admitted object ({@code request.object} or {@code request.oldObject}): its kind,
 * name and namespace, annotations, KEDA owner, whether it is being deleted, and its spec. Only the spec is a tree:
 * the planners compare and copy its metric blocks and triggers. {@link AdmissionReviewReader} reads this straight
 * from the body; {@link #of} reads it from a tree ({@code mutate}, tests), the same way: every value as
 * {@link JsonNode#asText} reads it, a missing one as empty.
 *
 * @param kind {@code kind}
 * @param name {@code metadata.name}
 * @param namespace {@code metadata.namespace}
 * @param annotations {@code metadata.annotations} in their order, each value as text; empty when they are not a map
 * @param annotationsProblem why the annotations are not a map of strings; empty when they are one (or absent)
 * @param scaledObjectOwner the first owner that is a KEDA ScaledObject, by name; empty when there is none
 * @param deleting whether {@code metadata.deletionTimestamp} is set (and not null)
 * @param spec {@code spec}; a missing node when absent
 */
public record AdmittedObject(
        String kind,
        String name,
        String namespace,
        Map<String, String> annotations,
        Optional<String> annotationsProblem,
        Optional<String> scaledObjectOwner,
        boolean deleting,
        JsonNode spec) {

    /** The problem of annotations that are there but not a map. */
    static final String NOT_A_MAP = "metadata.annotations is not a map of strings";

    public AdmittedObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        annotations = Collections.unmodifiableMap(annotations);
        Objects.requireNonNull(annotationsProblem, "annotationsProblem");
        Objects.requireNonNull(scaledObjectOwner, "scaledObjectOwner");
        Objects.requireNonNull(spec, "spec");
    }

    /** The object as the reviewers read it; null when {@code object} is absent or not a JSON object. */
    public static AdmittedObject of(JsonNode object) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode metadata = object.path("metadata");
        JsonNode deletion = metadata.path("deletionTimestamp");
        return new AdmittedObject(
                object.path("kind").asText(""),
                metadata.path("name").asText(""),
                metadata.path("namespace").asText(""),
                annotations(metadata.path("annotations")),
                Optional.ofNullable(annotationsProblem(metadata.path("annotations"))),
                Optional.ofNullable(scaledObjectOwner(metadata.path("ownerReferences"))),
                !deletion.isMissingNode() && !deletion.isNull(),
                object.path("spec"));
    }

    /** Annotations as text, whatever their values (see {@link #annotationsProblem(JsonNode)}). */
    static Map<String, String> annotations(JsonNode annotations) {
        Map<String, String> values = new LinkedHashMap<>();
        annotations
                .fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    /** Why the annotations cannot be read as a map of strings; null when they can. */
    static String annotationsProblem(JsonNode annotations) {
        if (!annotations.isMissingNode() && !annotations.isNull() && !annotations.isObject()) {
            return NOT_A_MAP;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                return notAString(entry.getKey());
            }
        }
        return null;
    }

    /** The problem of annotations whose value under {@code key} is not a string. */
    static String notAString(String key) {
        return "metadata.annotations." + key + " is not a string";
    }

    /**
     * The name of the first owner that is a KEDA ScaledObject, or null: KEDA builds such an HPA from the ScaledObject
     * and rewrites it on every reconcile, so a change by the webhook would only start a fight.
     */
    static String scaledObjectOwner(JsonNode ownerReferences) {
        for (JsonNode owner : ownerReferences) {
            if (isScaledObject(
                    owner.path("kind").asText(""), owner.path("apiVersion").asText(""))) {
                return owner.path("name").asText("");
            }
        }
        return null;
    }

    static boolean isScaledObject(String kind, String apiVersion) {
        return "ScaledObject".equals(kind) && apiVersion.startsWith("keda.sh/");
    }
}
