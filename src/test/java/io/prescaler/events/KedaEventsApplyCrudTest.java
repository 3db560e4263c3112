package io.prescaler.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.prescaler.cluster.ClusterReader;
import io.prescaler.schedule.AnnotationKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code events apply --scaled-objects}: KEDA ScaledObjects selected and annotated like HPAs, in a mock cluster. */
@EnableKubernetesMockClient(crud = true)
class KedaEventsApplyCrudTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final AnnotationKeys KEYS = AnnotationKeys.DEFAULT;
    /** 20:00 in Paris on Saturday 2026-05-30: the Saturday evening starts, the final's lead has not. */
    private static final Instant SATURDAY_EVENING = Instant.parse("2026-05-30T18:00:00Z");

    KubernetesClient client;
    KubernetesMockServer server;

    @BeforeEach
    void seedCluster() throws IOException {
        CustomResourceDefinition crd = client.getKubernetesSerialization()
                .unmarshal(Files.readString(Path.of("src/test/resources/io/prescaler/scaler/scaledobject-crd.yaml")));
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        client.configMaps()
                .inNamespace("prescaler")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("prescaling-events")
                        .endMetadata()
                        .withData(Map.of(
                                "events.yaml",
                                Files.readString(Path.of("src/test/resources/io/prescaler/events/events.yaml"))))
                        .build())
                .create();
        List<HasMetadata> objects = client.getKubernetesSerialization()
                .unmarshal(new ByteArrayInputStream(
                        Files.readAllBytes(Path.of("src/test/resources/io/prescaler/events/keda/scaledobjects.yaml"))));
        for (HasMetadata object : objects) {
            GenericKubernetesResource scaledObject = client.getKubernetesSerialization()
                    .unmarshal(client.getKubernetesSerialization().asJson(object), GenericKubernetesResource.class);
            scaledObjects(scaledObject.getMetadata().getNamespace())
                    .resource(scaledObject)
                    .create();
        }
        client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace("images")
                .resource(new HorizontalPodAutoscalerBuilder()
                        .withNewMetadata()
                        .withName("api")
                        .withLabels(Map.of("tier", "frontend"))
                        .withAnnotations(Map.of(KEYS.minReplicas(), "4", KEYS.start(), "19:30", KEYS.end(), "23:30"))
                        .endMetadata()
                        .withNewSpec()
                        .withMaxReplicas(10)
                        .withNewScaleTargetRef("apps/v1", "Deployment", "api")
                        .endSpec()
                        .build())
                .create();
    }

    @Test
    void leavesTheHpaKedaBuiltToItsScaledObject() {
        // KEDA copies the ScaledObject's annotations and labels onto the HPA it owns.
        client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace("images")
                .resource(new HorizontalPodAutoscalerBuilder()
                        .withNewMetadata()
                        .withName("keda-hpa-web")
                        .withLabels(Map.of("tier", "frontend"))
                        .withAnnotations(Map.of(KEYS.minReplicas(), "20", KEYS.start(), "19:30", KEYS.end(), "23:30"))
                        .addNewOwnerReference()
                        .withApiVersion("keda.sh/v1alpha1")
                        .withKind("ScaledObject")
                        .withName("web")
                        .withUid("0d6c5a1e-7b1f-4a5e-9c1d-3e2f4a5b6c7d")
                        .withController(true)
                        .endOwnerReference()
                        .endMetadata()
                        .withNewSpec()
                        .withMaxReplicas(40)
                        .withNewScaleTargetRef("apps/v1", "Deployment", "web")
                        .endSpec()
                        .build())
                .create();

        ApplyReport report = apply(SATURDAY_EVENING, true);

        assertEquals(
                null,
                client.autoscaling()
                        .v2()
                        .horizontalPodAutoscalers()
                        .inNamespace("images")
                        .withName("keda-hpa-web")
                        .get()
                        .getMetadata()
                        .getAnnotations()
                        .get(KEYS.eventName()),
                "KEDA writes it from the ScaledObject");
        assertEquals("saturday-evening", eventAnnotationsOf("images", "web").get(KEYS.eventName()));
        assertTrue(report.summary().startsWith("events apply: 1 HPAs and 3 ScaledObjects scanned"), report.summary());
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
                    GenericKubernetesResource,
                    io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
                    io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
            scaledObjects(String namespace) {
        return client.genericKubernetesResources(ClusterReader.SCALED_OBJECTS).inNamespace(namespace);
    }

    private Map<String, String> eventAnnotationsOf(String namespace, String name) {
        Map<String, String> annotations =
                scaledObjects(namespace).withName(name).get().getMetadata().getAnnotations();
        Map<String, String> result = new TreeMap<>();
        if (annotations != null) {
            KEYS.eventKeys().stream()
                    .filter(annotations::containsKey)
                    .forEach(key -> result.put(key, annotations.get(key)));
        }
        return result;
    }

    private ApplyReport apply(Instant now, boolean scaledObjects) {
        return new EventsApplier(
                        client,
                        new EventsApplyConfig(
                                "prescaler", "prescaling-events", "events.yaml", KEYS, PARIS, false, 4, scaledObjects))
                .apply(now);
    }

    @Test
    void annotatesTheSelectedScaledObjectsLikeHpas() {
        String plainVersion =
                scaledObjects("images").withName("plain").get().getMetadata().getResourceVersion();

        ApplyReport report = apply(SATURDAY_EVENING, true);

        assertEquals(
                Map.of(
                        KEYS.eventEnd(), "2026-05-30T21:00:00Z",
                        KEYS.eventMultiplier(), "2",
                        KEYS.eventName(), "saturday-evening"),
                eventAnnotationsOf("images", "web"));
        assertEquals(
                "media",
                scaledObjects("images")
                        .withName("web")
                        .get()
                        .getMetadata()
                        .getAnnotations()
                        .get("team"));
        assertEquals(Map.of(), eventAnnotationsOf("search", "stale"), "a no longer prescaled one keeps nothing");
        assertEquals(
                plainVersion,
                scaledObjects("images").withName("plain").get().getMetadata().getResourceVersion(),
                "a ScaledObject that is not prescaled is not written");
        assertEquals(
                "saturday-evening",
                client.autoscaling()
                        .v2()
                        .horizontalPodAutoscalers()
                        .inNamespace("images")
                        .withName("api")
                        .get()
                        .getMetadata()
                        .getAnnotations()
                        .get(KEYS.eventName()),
                "HPAs as before");
        assertEquals(3, report.patched());
        assertTrue(report.succeeded(), report.failures().toString());
        assertTrue(
                report.summary()
                        .startsWith("events apply: 1 HPAs and 3 ScaledObjects scanned, 3 patched, 1 unchanged, 0"
                                + " failed"),
                report.summary());
        assertTrue(
                report.changes().stream().anyMatch(c -> c.startsWith("ScaledObject images/web: ")),
                report.changes().toString());
        List<Event> events = client.v1().events().inNamespace("images").list().getItems();
        assertTrue(
                events.stream()
                        .anyMatch(
                                e -> "ScaledObject".equals(e.getInvolvedObject().getKind())
                                        && "web".equals(e.getInvolvedObject().getName())),
                "a Kubernetes Event on the ScaledObject: " + events);
    }

    @Test
    void patchesNothingTheSecondTime() {
        apply(SATURDAY_EVENING, true);
        ApplyReport again = apply(SATURDAY_EVENING, true);
        assertEquals(0, again.patched());
        assertEquals(4, again.unchanged());
    }

    @Test
    void leavesScaledObjectsAloneWithoutTheFlag() {
        ApplyReport report = apply(SATURDAY_EVENING, false);
        assertEquals(Map.of(), eventAnnotationsOf("images", "web"));
        assertEquals(1, report.scanned());
        assertTrue(report.summary().startsWith("events apply: 1 HPAs scanned, 1 patched"), report.summary());
    }
}
