package io.prescaler.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The parts of an {@code admission.k8s.io/v1} AdmissionRequest the webhook decides on.
 *
 * @param kind {@code request.kind} as group/version/kind
 * @param object {@code request.object} as the reviewers read it; null when absent (DELETE, CONNECT) or not a JSON
 *     object
 * @param oldObject {@code request.oldObject}, the stored object an UPDATE changes; null when absent (CREATE) or not
 *     a JSON object
 */
public record AdmissionRequest(
        String uid,
        GroupVersionKind kind,
        String subResource,
        String operation,
        String namespace,
        String name,
        AdmittedObject object,
        AdmittedObject oldObject,
        boolean dryRun) {

    /**
     * A Kubernetes group, version and kind; the group of core types is empty. Compared on every admission (is it an
     * HPA, a ScaledObject?): equals and hashCode are written out, as a record's generated ones go through method
     * handles that cost more than the three string comparisons.
     */
    public record GroupVersionKind(String group, String version, String kind) {

        public static final GroupVersionKind HPA_V2 =
                new GroupVersionKind("autoscaling", "v2", "HorizontalPodAutoscaler");

        /** A KEDA ScaledObject, whose annotations prescale the HPA KEDA builds from it. */
        public static final GroupVersionKind SCALED_OBJECT =
                new GroupVersionKind("keda.sh", "v1alpha1", "ScaledObject");

        @Override
        public boolean equals(Object other) {
            return this == other
                    || other instanceof GroupVersionKind that
                            && Objects.equals(kind, that.kind)
                            && Objects.equals(version, that.version)
                            && Objects.equals(group, that.group);
        }

        @Override
        public int hashCode() {
            return Objects.hash(group, version, kind);
        }

        @Override
        public String toString() {
            return (group.isEmpty() ? "" : group + "/") + version + ", Kind=" + kind;
        }
    }

    public AdmissionRequest {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(kind, "kind");
        subResource = subResource == null ? "" : subResource;
        operation = operation == null ? "" : operation;
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
    }

    /**
     * The request {@code mutate} builds for a manifest: a CREATE of that object, so that the offline path goes
     * through the very same decision as the webhook.
     */
    public static AdmissionRequest createOf(JsonNode object, GroupVersionKind kind) {
        JsonNode metadata = object.path("metadata");
        return new AdmissionRequest(
                "offline",
                kind,
                "",
                "CREATE",
                metadata.path("namespace").asText(""),
                metadata.path("name").asText(""),
                AdmittedObject.of(object),
                null,
                true);
    }

    /** namespace/name for log lines; the object's own metadata when the request leaves them empty. */
    public String key() {
        String ns = namespace.isEmpty() && object != null ? object.namespace() : namespace;
        String n = name.isEmpty() && object != null ? object.name() : name;
        return ns + "/" + n;
    }
}
