package io.prescaler.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events on the objects {@code events apply} changes or complains about, so that
 * {@code kubectl describe hpa} shows when a multiplier came and went. An Event that cannot be written is logged and
 * never fails the run: the patch it reports has been made.
 */
final class EventRecorder {

    static final String APPLIED = "PrescalingEventApplied";
    static final String REMOVED = "PrescalingEventRemoved";
    static final String INVALID = "InvalidPrescalingEvent";

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final String COMPONENT = "prescaler-events";
    /** The API server rejects longer Event messages. */
    private static final int MAX_MESSAGE = 1024;

    private final KubernetesClient client;

    EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    void normal(HasMetadata object, String reason, String message, Instant now) {
        record(
                object,
                "Normal",
                reason,
                message,
                now,
                object.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli()) + "."
                        + Integer.toHexString(message.hashCode()));
    }

    /**
     * A Warning that repeats every run while the file stays wrong: the same message keeps one Event whose count
     * grows, as kubectl's own recorder does, instead of a new Event every minute.
     */
    void repeatedWarning(HasMetadata object, String reason, String message, Instant now) {
        String name = object.getMetadata().getName() + "." + digest(reason + message);
        Event existing = client.v1()
                .events()
                .inNamespace(object.getMetadata().getNamespace())
                .withName(name)
                .get();
        if (existing == null) {
            record(object, "Warning", reason, message, now, name);
            return;
        }
        int count = existing.getCount() == null ? 1 : existing.getCount();
        try {
            client.v1()
                    .events()
                    .inNamespace(existing.getMetadata().getNamespace())
                    .withName(name)
                    .edit(e -> new EventBuilder(e)
                            .withCount(count + 1)
                            .withLastTimestamp(now.toString())
                            .build());
        } catch (KubernetesClientException e) {
            LOG.warn(
                    "{}/{}: could not update Event {}: {}",
                    object.getMetadata().getNamespace(),
                    object.getMetadata().getName(),
                    name,
                    e.getMessage());
        }
    }

    private void record(HasMetadata object, String type, String reason, String message, Instant now, String name) {
        String namespace = object.getMetadata().getNamespace();
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(object.getApiVersion())
                        .withKind(object.getKind())
                        .withNamespace(namespace)
                        .withName(object.getMetadata().getName())
                        .withUid(object.getMetadata().getUid())
                        .withResourceVersion(object.getMetadata().getResourceVersion())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message)
                .withFirstTimestamp(now.toString())
                .withLastTimestamp(now.toString())
                .withCount(1)
                .withNewSource()
                .withComponent(COMPONENT)
                .endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn(
                    "{}/{}: could not record Event {} ({}): {}",
                    namespace,
                    object.getMetadata().getName(),
                    reason,
                    message,
                    e.getMessage());
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
