package io.prescaler.scaler;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.prescaler.exporter.HpaCache;
import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

/**
 * A cluster in fabric8's mock API server (CRUD mode) with KEDA's ScaledObject CRD registered, the exporter's two
 * informers on it, and the scaler wired as the exporter wires it, listening on loopback.
 */
final class ScalerHarness implements AutoCloseable {

    final KubernetesClient client;
    final HpaCache hpas;
    final ScaledObjectCache scaledObjects;
    final ScaledObjectDecider decider;
    final ActiveStreams streams;
    final ScalerServer server;

    ScalerHarness(KubernetesClient client, Clock clock, ScalerConfig config) throws Exception {
        this.client = client;
        hpas = new HpaCache(client, List.of(), clock);
        scaledObjects = new ScaledObjectCache(client, List.of());
        decider = new ScaledObjectDecider(
                scaledObjects,
                (namespace, name) -> hpas.hpa(namespace, name)
                        .map(HpaFacts::currentReplicas)
                        .map(OptionalInt::of)
                        .orElse(OptionalInt.empty()),
                new AnnotationParser(AnnotationKeys.DEFAULT, ZoneId.of("Europe/Paris")),
                DemandFloorSource.NONE,
                clock);
        streams = new ActiveStreams(decider, Duration.ofMillis(250));
        scaledObjects.onChange(streams::changed);
        server = new ScalerServer(config, new ExternalScalerService(decider, streams), streams);
        hpas.start();
        scaledObjects.start();
        server.start();
        await(() -> hpas.synced() && scaledObjects.problem("shop").isEmpty(), "the informers to sync");
    }

    static ScalerConfig plaintext() {
        return new ScalerConfig(0, "127.0.0.1", Optional.empty(), Optional.empty(), Duration.ofSeconds(10));
    }

    /** Registers the ScaledObject CRD, as installing KEDA does. */
    static void installKeda(KubernetesClient client) {
        CustomResourceDefinition crd = client.getKubernetesSerialization()
                .unmarshal(Fixtures.text(ScalerHarness.class, "scaledobject-crd.yaml"));
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }

    /** Creates a ScaledObject or an HPA from a fixture, status included (it goes through the status subresource). */
    static HasMetadata create(KubernetesClient client, String fixture) {
        String text = Fixtures.text(ScalerHarness.class, fixture);
        if (text.contains("kind: HorizontalPodAutoscaler")) {
            HorizontalPodAutoscaler hpa = client.getKubernetesSerialization().unmarshal(text);
            HorizontalPodAutoscaler created = client.resource(hpa).create();
            if (hpa.getStatus() != null) {
                created.setStatus(hpa.getStatus());
                created = client.resource(created).updateStatus();
            }
            return created;
        }
        GenericKubernetesResource object =
                client.getKubernetesSerialization().unmarshal(text, GenericKubernetesResource.class);
        var resources = client.genericKubernetesResources(ScaledObjectCache.SCALED_OBJECTS)
                .inNamespace(object.getMetadata().getNamespace());
        GenericKubernetesResource created = resources.resource(object).create();
        Object status = object.getAdditionalProperties().get("status");
        if (status != null) {
            created.setAdditionalProperty("status", status);
            created = resources.resource(created).updateStatus();
        }
        return created;
    }

    ManagedChannel channel() {
        return NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .build();
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        server.close();
        scaledObjects.close();
        hpas.close();
    }
}
