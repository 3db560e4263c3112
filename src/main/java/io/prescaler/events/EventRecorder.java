package io.prescaler.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events on the objects {@code events apply} changes or complains about, so that
 * {@code kubectl describe hpa} shows when a multiplier came and went. An Event that cannot be written is logged and
 * never fails the run: the patch it reports has been made. After the first failure the recorder records nothing more
 * in this run: a missing permission or a failing API answers every Event alike, and each failure can cost seconds of
 * the client's own retries that the patches need more.
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
    private final AtomicBoolean failing = new AtomicBoolean();

    EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    void normal(HasMetadata object, String reason, String message, Instant now) {
        if (failing.get()) {
            return;
        }
        String name = object.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli()) + "."
                + Integer.toHexString(message.hashCode());
        try {
            create(object, "Normal", reason, message, now, name);
        } catch (KubernetesClientException e) {
            failed(object, reason, message, e);
        }
    }

    /**
     * A Warning that repeats every run while the file stays wrong: the same message keeps one Event whose count
     * grows, as kubectl's own recorder does, instead of a new Event every minute. Reads it back (get), then creates
     * it or raises its count (a JSON Merge Patch of count and lastTimestamp).
     */
    void repeatedWarning(HasMetadata object, String reason, String message, Instant now) {
        if (failing.get()) {
            return;
        }
        String name = repeatedName(object, reason, message);
        String namespace = object.getMetadata().getNamespace();
        try {
            Event existing =
                    client.v1().events().inNamespace(namespace).withName(name).get();
            if (existing == null) {
                create(object, "Warning", reason, message, now, name);
                return;
            }
            int count = existing.getCount() == null ? 1 : existing.getCount();
            client.v1()
                    .events()
                    .inNamespace(namespace)
                    .withName(name)
                    .patch(
                            PatchContext.of(PatchType.JSON_MERGE),
                            "{\"count\":" + (count + 1) + ",\"lastTimestamp\":\"" + now + "\"}");
        } catch (KubernetesClientException e) {
            failed(object, reason, message, e);
        }
    }

    /** The name of the one Event a repeated warning keeps: the same problem, the same Event. */
    static String repeatedName(HasMetadata object, String reason, String message) {
        return object.getMetadata().getName() + "." + digest(reason + message);
    }

    private void create(HasMetadata object, String type, String reason, String message, Instant now, String name) {
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
        client.v1().events().inNamespace(namespace).resource(event).create();
    }

    /** One line for the first Event not recorded; the run goes on, since what the Event reports has been done. */
    private void failed(HasMetadata object, String reason, String message, KubernetesClientException e) {
        if (failing.getAndSet(true)) {
            LOG.debug(
                    "{}/{}: Event {} not recorded either",
                    object.getMetadata().getNamespace(),
                    object.getMetadata().getName(),
                    reason);
            return;
        }
        LOG.warn(
                "{}/{}: could not record Event {} ({}): HTTP {}: {}; no further Events are recorded in this run"
                        + " (check the ServiceAccount's permission to create events)",
                object.getMetadata().getNamespace(),
                object.getMetadata().getName(),
                reason,
                message,
                e.getCode(),
                e.getStatus() != null && e.getStatus().getMessage() != null
                        ? e.getStatus().getMessage()
                        : e.getMessage());
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
