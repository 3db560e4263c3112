package io.prescaler.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.prescaler.failure.InvalidInputException;
import io.prescaler.input.EventsYaml;
import io.prescaler.schedule.AnnotationKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@EnableKubernetesMockClient(crud = true)
class EventsApplierCrudTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final AnnotationKeys KEYS = AnnotationKeys.DEFAULT;
    /** 20:00 in Paris on Saturday 2026-05-30: the Saturday evening starts, the final's lead has not. */
    private static final Instant SATURDAY_EVENING = Instant.parse("2026-05-30T18:00:00Z");
    /** 20:30 in Paris: the final's 30-minute lead begins. */
    private static final Instant FINAL_LEAD = Instant.parse("2026-05-30T18:30:00Z");
    /** 23:00 in Paris: both events end. */
    private static final Instant END = Instant.parse("2026-05-30T21:00:00Z");

    KubernetesClient client;
    KubernetesMockServer server;

    @BeforeEach
    void seedCluster() throws IOException {
        configMap("prescaler", "prescaling-events", fixture("events.yaml"));
        create(hpa("web", "images", Map.of("tier", "frontend"), prescaled(Map.of("team", "media"))));
        create(hpa("web", "api", Map.of(), prescaled(Map.of())));
        create(hpa("web", "plain", Map.of("tier", "frontend"), null));
        create(hpa(
                "web",
                "stale",
                Map.of(),
                Map.of(
                        "team",
                        "search",
                        KEYS.eventMultiplier(),
                        "3",
                        KEYS.eventName(),
                        "final",
                        KEYS.eventEnd(),
                        "2026-05-30T21:00:00Z")));
        create(hpa("web", "broken", Map.of(), Map.of(KEYS.minReplicas(), "many", KEYS.start(), "19:30")));
    }

    @Test
    void appliesTheLargestMultiplierToEveryPrescaledHpaInScope() {
        Map<String, String> versionsBefore = resourceVersions();
        HorizontalPodAutoscaler imagesBefore = get("images");

        ApplyReport report = apply(FINAL_LEAD, false);

        assertEquals(eventAnnotations("3", "final", "2026-05-30T21:00:00Z"), eventAnnotationsOf("images"));
        assertEquals(eventAnnotations("3", "final", "2026-05-30T21:00:00Z"), eventAnnotationsOf("api"));
        assertEquals(Map.of(), eventAnnotationsOf("broken"), "the webhook would deny a change to an invalid HPA");
        assertEquals(versionsBefore.get("broken"), resourceVersions().get("broken"));
        assertEquals(Map.of(), eventAnnotationsOf("stale"), "a no longer prescaled HPA keeps nothing behind");
        assertEquals(Map.of(), eventAnnotationsOf("plain"));
        assertEquals(versionsBefore.get("plain"), resourceVersions().get("plain"));
        assertEquals("media", get("images").getMetadata().getAnnotations().get("team"));
        assertEquals("search", get("stale").getMetadata().getAnnotations().get("team"));
        assertEquals(imagesBefore.getSpec(), get("images").getSpec());
        assertEquals(
                imagesBefore.getMetadata().getLabels(),
                get("images").getMetadata().getLabels());
        assertEquals(5, report.scanned());
        assertEquals(3, report.patched());
        assertEquals(2, report.unchanged());
        assertEquals(0, report.failed());
        assertTrue(report.succeeded());
        assertEquals(
                "events apply: 5 HPAs scanned, 3 patched, 2 unchanged, 0 failed; active events:"
                        + " final x3 until 2026-05-30T21:00:00Z, saturday-evening x2 until 2026-05-30T21:00:00Z",
                report.summary());
    }

    @Test
    void recordsAKubernetesEventOnEveryHpaItChanges() {
        apply(FINAL_LEAD, false);

        Map<String, String> reasons = client.v1().events().inNamespace("web").list().getItems().stream()
                .collect(Collectors.toMap(e -> e.getInvolvedObject().getName(), Event::getReason));
        assertEquals(
                Map.of(
                        "images", "PrescalingEventApplied",
                        "api", "PrescalingEventApplied",
                        "stale", "PrescalingEventRemoved"),
                reasons);
        Event images = eventsOf("images").get(0);
        assertEquals("event final applied: minimum x3 until 2026-05-30T21:00:00Z", images.getMessage());
        assertEquals("HorizontalPodAutoscaler", images.getInvolvedObject().getKind());
        assertEquals("Normal", images.getType());
    }

    @Test
    void aSecondRunAtTheSameTimePatchesNothing() {
        apply(FINAL_LEAD, false);
        Map<String, String> versions = resourceVersions();

        ApplyReport second = apply(FINAL_LEAD, false);

        assertEquals(0, second.patched());
        assertEquals(5, second.unchanged());
        assertEquals(versions, resourceVersions());
        assertEquals(1, eventsOf("images").size());
    }

    @Test
    void switchesToTheLargerEventWhenItsLeadBegins() {
        apply(SATURDAY_EVENING, false);
        assertEquals(eventAnnotations("2", "saturday-evening", "2026-05-30T21:00:00Z"), eventAnnotationsOf("images"));
        assertEquals(Map.of(), eventAnnotationsOf("api"), "the Saturday evening selects tier=frontend only");

        apply(FINAL_LEAD, false);
        assertEquals(eventAnnotations("3", "final", "2026-05-30T21:00:00Z"), eventAnnotationsOf("images"));
        assertEquals(eventAnnotations("3", "final", "2026-05-30T21:00:00Z"), eventAnnotationsOf("api"));
    }

    @Test
    void removesTheAnnotationsWhenTheEventEnds() {
        apply(FINAL_LEAD, false);

        ApplyReport report = apply(END, false);

        for (String name : List.of("images", "api", "broken", "stale", "plain")) {
            assertEquals(Map.of(), eventAnnotationsOf(name), name);
        }
        assertEquals("media", get("images").getMetadata().getAnnotations().get("team"));
        assertEquals(2, report.patched());
        assertEquals(
                List.of("PrescalingEventApplied", "PrescalingEventRemoved"),
                eventsOf("images").stream().map(Event::getReason).sorted().toList());
        assertEquals(
                "event final removed: no event applies",
                eventsOf("images").stream()
                        .filter(e -> e.getReason().equals("PrescalingEventRemoved"))
                        .findFirst()
                        .orElseThrow()
                        .getMessage());
    }

    @Test
    void anExpiredEventAppliesToNobody() {
        ApplyReport report = apply(Instant.parse("2026-05-30T10:00:00Z"), false);

        assertEquals(List.of(), report.active());
        assertEquals(Map.of(), eventAnnotationsOf("images"));
        assertEquals(1, report.patched(), "only the stale annotations are removed");
    }

    @Test
    void retriesAfterAConflictWithAFreshRead() {
        server.expect()
                .patch()
                .withPath("/apis/autoscaling/v2/namespaces/web/horizontalpodautoscalers/api")
                .andReturn(
                        409,
                        new StatusBuilder()
                                .withCode(409)
                                .withReason("Conflict")
                                .withMessage(
                                        "the object has been modified; please apply your changes to the latest version")
                                .build())
                .once();

        ApplyReport report = apply(FINAL_LEAD, false);

        assertEquals(eventAnnotations("3", "final", "2026-05-30T21:00:00Z"), eventAnnotationsOf("api"));
        assertEquals(3, report.patched());
        assertEquals(0, report.failed());
    }

    @Test
    void aFailingHpaDoesNotStopTheOthers() {
        server.expect()
                .patch()
                .withPath("/apis/autoscaling/v2/namespaces/web/horizontalpodautoscalers/api")
                .andReturn(
                        403,
                        new StatusBuilder()
                                .withCode(403)
                                .withReason("Forbidden")
                                .withMessage(
                                        "admission webhook \"policy.example.com\" denied the request: frozen namespace")
                                .build())
                .always();

        ApplyReport report = apply(FINAL_LEAD, false);

        assertEquals(Map.of(), eventAnnotationsOf("api"));
        assertEquals(eventAnnotations("3", "final", "2026-05-30T21:00:00Z"), eventAnnotationsOf("images"));
        assertEquals(2, report.patched());
        assertEquals(1, report.failed());
        assertFalse(report.succeeded());
    }

    @Test
    void aDryRunPrintsTheChangesAndWritesNothing() {
        Map<String, String> versions = resourceVersions();

        ApplyReport report = apply(FINAL_LEAD, true);

        assertEquals(versions, resourceVersions());
        assertEquals(Map.of(), eventAnnotationsOf("images"));
        assertEquals(List.of(), client.v1().events().inAnyNamespace().list().getItems());
        assertEquals(
                List.of(
                        "web/api: event final applied: minimum x3 until 2026-05-30T21:00:00Z",
                        "web/images: event final applied: minimum x3 until 2026-05-30T21:00:00Z",
                        "web/stale: event final removed: no event applies"),
                report.changes().stream().sorted().toList());
        assertTrue(report.summary().startsWith("events apply (dry run): 5 HPAs scanned, 3 to patch, 2 unchanged"));
    }

    @Test
    void aBadEntryIsReportedOnTheConfigMapWhileTheValidOnesApply() throws IOException {
        configMap("prescaler", "prescaling-events", fixture("events-with-a-bad-entry.yaml"));

        ApplyReport report = apply(FINAL_LEAD, false);
        apply(FINAL_LEAD, false);

        assertEquals(eventAnnotations("3", "final", "2026-05-30T21:00:00Z"), eventAnnotationsOf("api"));
        assertFalse(report.succeeded());
        assertEquals(
                List.of("event \"typo\" (entry 2), multiplier: \"x3\" is not a number > 0 (for example 3 or 1.5)"),
                report.problems().stream().map(p -> p.message()).toList());
        List<Event> warnings =
                client.v1().events().inNamespace("prescaler").list().getItems();
        assertEquals(1, warnings.size(), "the same problem keeps one Event");
        Event warning = warnings.get(0);
        assertEquals("InvalidPrescalingEvent", warning.getReason());
        assertEquals("Warning", warning.getType());
        assertEquals("prescaling-events", warning.getInvolvedObject().getName());
        assertEquals(2, warning.getCount());
        assertTrue(warning.getMessage().contains("\"x3\" is not a number > 0"), warning.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"events-not-yaml.yaml", "events-not-a-list.yaml", "events-under-a-misspelt-key.yaml"})
    void anUnreadableEventsFileTouchesNoHpa(String file) throws IOException {
        apply(FINAL_LEAD, false);
        Map<String, String> versions = resourceVersions();
        configMap("prescaler", "prescaling-events", fixture(file));

        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> apply(FINAL_LEAD.plusSeconds(600), false));

        assertEquals(versions, resourceVersions());
        assertEquals(eventAnnotations("3", "final", "2026-05-30T21:00:00Z"), eventAnnotationsOf("images"));
        assertTrue(
                e.getMessage().startsWith("ConfigMap prescaler/prescaling-events key events.yaml: events file: "),
                e.getMessage());
        assertTrue(
                e.getMessage().endsWith("; no HPA touched (the multipliers already written expire at their event.end)"),
                e.getMessage());
        List<Event> warnings =
                client.v1().events().inNamespace("prescaler").list().getItems();
        assertEquals(
                List.of("InvalidPrescalingEvent"),
                warnings.stream().map(Event::getReason).toList());
    }

    @Test
    void anEntrySkippedAsInvalidLeavesTheHpasCarryingItsNameUntilTheirEnd() throws IOException {
        apply(FINAL_LEAD, false);
        Map<String, String> versions = resourceVersions();
        configMap("prescaler", "prescaling-events", fixture("events-with-the-final-mistyped.yaml"));

        ApplyReport during = apply(FINAL_LEAD.plusSeconds(600), false);

        assertEquals(versions, resourceVersions());
        assertEquals(eventAnnotations("3", "final", "2026-05-30T21:00:00Z"), eventAnnotationsOf("images"));
        assertEquals(eventAnnotations("3", "final", "2026-05-30T21:00:00Z"), eventAnnotationsOf("api"));
        assertEquals(2, during.held());
        assertEquals(0, during.patched());
        assertFalse(during.succeeded(), "the bad entry still fails the run");
        assertTrue(
                during.summary()
                        .endsWith("; 1 invalid event entries skipped (2 HPAs carrying their events kept as they are"
                                + " until their event.end)"),
                during.summary());

        ApplyReport after = apply(END, false);

        assertEquals(Map.of(), eventAnnotationsOf("images"), "nothing outlives the event's end");
        assertEquals(Map.of(), eventAnnotationsOf("api"));
        assertEquals(0, after.held());
    }

    @Test
    void aCopyOfAValidEventDoesNotKeepItsHpasPastItsEnd() throws IOException {
        configMap("prescaler", "prescaling-events", fixture("events-with-a-copy-of-the-final.yaml"));
        apply(FINAL_LEAD, false);
        assertEquals(eventAnnotations("3", "final", "2026-05-30T21:00:00Z"), eventAnnotationsOf("api"));

        ApplyReport after = apply(END, false);

        assertEquals(Map.of(), eventAnnotationsOf("api"), "the first, valid entry named final decides");
        assertEquals(0, after.held());
        assertEquals(1, after.problems().size());
    }

    @Test
    void anInvalidHpaOnlyEverLosesItsEventAnnotations() {
        Map<String, String> annotations = new HashMap<>(Map.of(KEYS.minReplicas(), "many", KEYS.start(), "19:30"));
        annotations.putAll(eventAnnotations("2", "saturday-evening", "2026-05-30T21:00:00Z"));
        create(hpa("web", "broken-since", Map.of("tier", "frontend"), annotations));

        ApplyReport report = apply(FINAL_LEAD, false);

        assertEquals(Map.of(), eventAnnotationsOf("broken-since"));
        assertEquals("many", get("broken-since").getMetadata().getAnnotations().get(KEYS.minReplicas()));
        assertEquals(Map.of(), eventAnnotationsOf("broken"));
        assertTrue(report.changes().contains("web/broken-since: event saturday-evening removed: no event applies"));
    }

    @Test
    void anAdmissionDenialFailsTheHpaAtOnceWithTheServersMessage() {
        server.expect()
                .patch()
                .withPath("/apis/autoscaling/v2/namespaces/web/horizontalpodautoscalers/api")
                .andReturn(
                        422,
                        new StatusBuilder()
                                .withCode(422)
                                .withReason("Invalid")
                                .withMessage("admission webhook \"prescaler.io\" denied the request:"
                                        + " invalid prescaling annotations")
                                .build())
                .once();

        ApplyReport report = apply(FINAL_LEAD, false);

        assertEquals(Map.of(), eventAnnotationsOf("api"), "not retried: a retry would have been let through");
        assertEquals(eventAnnotations("3", "final", "2026-05-30T21:00:00Z"), eventAnnotationsOf("images"));
        assertEquals(
                List.of("web/api: could not patch the event annotations (event final applied: minimum x3 until"
                        + " 2026-05-30T21:00:00Z): HTTP 422: admission webhook \"prescaler.io\" denied the request:"
                        + " invalid prescaling annotations"),
                report.failures());
        assertFalse(report.succeeded());
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {403, 500})
    void anEventThatCannotBeCreatedDoesNotStopTheRun(int status) {
        server.expect()
                .post()
                .withPath("/api/v1/namespaces/web/events")
                .andReturn(
                        status,
                        new StatusBuilder()
                                .withCode(status)
                                .withMessage("no Events for you")
                                .build())
                .always();

        ApplyReport report = applyWithoutClientRetries(FINAL_LEAD);

        assertEquals(3, report.patched());
        assertEquals(0, report.failed());
        assertTrue(report.succeeded());
        assertEquals(eventAnnotations("3", "final", "2026-05-30T21:00:00Z"), eventAnnotationsOf("api"));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {403, 500})
    void aWarningThatCannotBeReadBackDoesNotStopTheRun(int status) throws IOException {
        String events = fixture("events-with-a-bad-entry.yaml");
        configMap("prescaler", "prescaling-events", events);
        ConfigMap configMap = client.configMaps()
                .inNamespace("prescaler")
                .withName("prescaling-events")
                .get();
        String warning = EventRecorder.repeatedName(
                configMap, EventRecorder.INVALID, EventsYaml.read(events, PARIS).problemsMessage());
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/prescaler/events/" + warning)
                .andReturn(
                        status,
                        new StatusBuilder()
                                .withCode(status)
                                .withMessage("no Events for you")
                                .build())
                .always();

        ApplyReport report = applyWithoutClientRetries(FINAL_LEAD);

        assertEquals(eventAnnotations("3", "final", "2026-05-30T21:00:00Z"), eventAnnotationsOf("api"));
        assertEquals(0, report.failed());
        assertEquals(1, report.problems().size());
    }

    @Test
    void touchesNothingWhenTheConfigMapIsMissing() {
        client.configMaps()
                .inNamespace("prescaler")
                .withName("prescaling-events")
                .delete();
        Map<String, String> versions = resourceVersions();

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> apply(FINAL_LEAD, false));

        assertTrue(e.getMessage().startsWith("ConfigMap prescaler/prescaling-events not found"), e.getMessage());
        assertEquals(versions, resourceVersions());
    }

    @Test
    void appliesTheSampleConfigMapShippedForOperators() throws IOException {
        client.configMaps()
                .inNamespace("prescaler")
                .withName("prescaling-events")
                .delete();
        client.configMaps()
                .inNamespace("prescaler")
                .resource(client.getKubernetesSerialization()
                        .unmarshal(
                                Files.readString(Path.of("cronjob/prescaling-events-configmap.yaml")),
                                io.fabric8.kubernetes.api.model.ConfigMap.class))
                .create();

        ApplyReport report = apply(FINAL_LEAD, false);

        assertEquals(List.of(), report.problems());
        assertEquals("champions-league-final", eventAnnotationsOf("api").get(KEYS.eventName()));
    }

    private ApplyReport apply(Instant now, boolean dryRun) {
        EventsApplyConfig config =
                new EventsApplyConfig("prescaler", "prescaling-events", "events.yaml", KEYS, PARIS, dryRun, 4);
        return new EventsApplier(client, config).apply(now);
    }

    /** fabric8 retries a 5xx for seconds by default; the outcome is the same without the wait. */
    private ApplyReport applyWithoutClientRetries(Instant now) {
        Config config = new ConfigBuilder(client.getConfiguration())
                .withRequestRetryBackoffLimit(0)
                .build();
        try (KubernetesClient noRetries =
                new KubernetesClientBuilder().withConfig(config).build()) {
            EventsApplyConfig applyConfig =
                    new EventsApplyConfig("prescaler", "prescaling-events", "events.yaml", KEYS, PARIS, false, 4);
            return new EventsApplier(noRetries, applyConfig).apply(now);
        }
    }

    private static Map<String, String> prescaled(Map<String, String> others) {
        Map<String, String> annotations = new HashMap<>(others);
        annotations.put(KEYS.minReplicas(), "25");
        annotations.put(KEYS.start(), "19:30");
        annotations.put(KEYS.end(), "23:30");
        return annotations;
    }

    private static HorizontalPodAutoscaler hpa(
            String namespace, String name, Map<String, String> labels, Map<String, String> annotations) {
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .withLabels(labels.isEmpty() ? null : labels)
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
                .build();
    }

    private void create(HorizontalPodAutoscaler hpa) {
        client.autoscaling().v2().horizontalPodAutoscalers().resource(hpa).create();
    }

    private void configMap(String namespace, String name, String events) {
        client.configMaps()
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withNamespace(namespace)
                        .withName(name)
                        .endMetadata()
                        .withData(Map.of("events.yaml", events))
                        .build())
                .createOr(r -> r.update());
    }

    private HorizontalPodAutoscaler get(String name) {
        return client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace("web")
                .withName(name)
                .get();
    }

    private Map<String, String> resourceVersions() {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("web").list().getItems().stream()
                .collect(Collectors.toMap(
                        h -> h.getMetadata().getName(), h -> h.getMetadata().getResourceVersion()));
    }

    private Map<String, String> eventAnnotationsOf(String name) {
        Map<String, String> annotations = get(name).getMetadata().getAnnotations();
        if (annotations == null) {
            return Map.of();
        }
        return annotations.entrySet().stream()
                .filter(e -> KEYS.eventKeys().contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Map<String, String> eventAnnotations(String multiplier, String name, String end) {
        return Map.of(KEYS.eventMultiplier(), multiplier, KEYS.eventName(), name, KEYS.eventEnd(), end);
    }

    private List<Event> eventsOf(String hpa) {
        return client.v1().events().inNamespace("web").list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals(hpa))
                .toList();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = EventsApplierCrudTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
