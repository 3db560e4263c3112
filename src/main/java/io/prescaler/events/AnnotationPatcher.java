package io.prescaler.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.prescaler.cluster.ClusterReader;
import io.prescaler.schedule.EventAnnotations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the event annotations of one HPA with a JSON Patch written by hand: one {@code add} or {@code remove} per
 * event key, nothing else. The patch also sets {@code /metadata/resourceVersion} to the version the change was
 * computed from: the API server refuses an update whose resourceVersion is not the stored one with 409 Conflict, so
 * a change decided on a stale copy is never applied over a newer object; the caller re-reads and decides again.
 */
final class AnnotationPatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;

    AnnotationPatcher(KubernetesClient client) {
        this.client = client;
    }

    HorizontalPodAutoscaler patch(HorizontalPodAutoscaler hpa, EventAnnotations.Change change) {
        // Through resource(hpa): the client already holds the object, whereas withName(..).patch(..) GETs it first,
        // one request more per HPA for nothing.
        return client.resource(hpa)
                .patch(
                        PatchContext.of(PatchType.JSON),
                        body(
                                hpa.getMetadata().getResourceVersion(),
                                hpa.getMetadata().getAnnotations() != null,
                                change));
    }

    /** The same patch on a KEDA ScaledObject. */
    GenericKubernetesResource patch(GenericKubernetesResource scaledObject, EventAnnotations.Change change) {
        return client.genericKubernetesResources(ClusterReader.SCALED_OBJECTS)
                .inNamespace(scaledObject.getMetadata().getNamespace())
                .resource(scaledObject)
                .patch(
                        PatchContext.of(PatchType.JSON),
                        body(
                                scaledObject.getMetadata().getResourceVersion(),
                                scaledObject.getMetadata().getAnnotations() != null,
                                change));
    }

    static String body(String resourceVersion, boolean hasAnnotations, EventAnnotations.Change change) {
        List<Map<String, Object>> operations = new ArrayList<>();
        if (resourceVersion != null) {
            operations.add(operation("add", "/metadata/resourceVersion", resourceVersion));
        }
        if (!hasAnnotations) {
            operations.add(operation("add", "/metadata/annotations", new LinkedHashMap<>(change.set())));
        } else {
            change.set().forEach((key, value) -> operations.add(operation("add", annotationPath(key), value)));
            change.remove().forEach(key -> operations.add(operation("remove", annotationPath(key), null)));
        }
        try {
            return JSON.writeValueAsString(operations);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of maps of strings always serialises", e);
        }
    }

    /** JSON Pointer escaping (RFC 6901): a prefix such as {@code prescaler.io/} holds a slash. */
    static String annotationPath(String key) {
        return "/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1");
    }

    private static Map<String, Object> operation(String op, String path, Object value) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("op", op);
        operation.put("path", path);
        if (value != null) {
            operation.put("value", value);
        }
        return operation;
    }
}
