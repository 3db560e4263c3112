package io.prescaler.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.EventProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One bad entry or HPA fails alone in {@code events apply}, named; the valid entries are applied to the others. */
@EnableKubernetesMockClient(crud = true)
class OneBadEntryCrudTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final AnnotationKeys KEYS = AnnotationKeys.DEFAULT;
    /** 20:45 in Paris: inside the final's 30-minute lead. */
    private static final Instant NOW = Instant.parse("2026-05-30T18:45:00Z");

    KubernetesClient client;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void appliesTheValidEntry_andNamesEveryBadOne() throws IOException {
        client.configMaps()
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withNamespace("prescaler")
                        .withName("prescaling-events")
                        .endMetadata()
                        .withData(Map.of("events.yaml", fixture("events-with-hostile-entries.yaml")))
                        .build())
                .create();
        hpa("images", Map.of());
        hpa("hostile", Map.of(KEYS.eventMultiplier(), "1e-999999999", KEYS.eventName(), "tiny"));

        ApplyReport report = new EventsApplier(
                        client,
                        new EventsApplyConfig("prescaler", "prescaling-events", "events.yaml", KEYS, PARIS, false, 2))
                .apply(NOW);

        assertEquals("3", annotation("images", KEYS.eventMultiplier()));
        assertEquals("final", annotation("images", KEYS.eventName()));
        assertEquals(
                null,
                annotation("hostile", KEYS.eventMultiplier()),
                "an HPA with invalid annotations gets no multiplier");
        assertEquals(
                List.of(
                        "event \"far-lead\" (entry 1), lead",
                        "event \"huge-duration\" (entry 2), duration",
                        "event \"overflowing-duration\" (entry 3), duration",
                        "event \"overflowing-iso\" (entry 4), duration",
                        "event \"ancient\" (entry 5), start",
                        "event \"tiny\" (entry 6), multiplier"),
                report.problems().stream()
                        .map(p -> p.where() + ", " + p.field())
                        .toList());
        assertFalse(report.succeeded(), "a bad entry fails the run (exit 1) after the valid ones are applied");
        assertTrue(report.summary().length() < 400, report.summary());
        assertTrue(
                report.problems().stream().map(EventProblem::message).allMatch(m -> m.length() < 400),
                report.problems().toString());
    }

    private void hpa(String name, Map<String, String> extra) {
        Map<String, String> annotations = new HashMap<>(extra);
        annotations.put(KEYS.minReplicas(), "25");
        annotations.put(KEYS.start(), "19:30");
        annotations.put(KEYS.end(), "23:30");
        client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .resource(new HorizontalPodAutoscalerBuilder()
                        .withNewMetadata()
                        .withNamespace("web")
                        .withName(name)
                        .withAnnotations(annotations)
                        .endMetadata()
                        .withNewSpec()
                        .withMinReplicas(2)
                        .withMaxReplicas(200)
                        .withNewScaleTargetRef()
                        .withApiVersion("apps/v1")
                        .withKind("Deployment")
                        .withName(name)
                        .endScaleTargetRef()
                        .endSpec()
                        .build())
                .create();
    }

    private String annotation(String name, String key) {
        return client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace("web")
                .withName(name)
                .get()
                .getMetadata()
                .getAnnotations()
                .get(key);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = OneBadEntryCrudTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
