package io.prescaler.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.prescaler.cluster.ClusterReader;
import io.prescaler.exporter.HpaCache;
import io.prescaler.kube.HpaFacts;
import io.prescaler.scaler.ActiveStreams;
import io.prescaler.scaler.DemandFloorSource;
import io.prescaler.scaler.ExternalScalerService;
import io.prescaler.scaler.ScaledObjectCache;
import io.prescaler.scaler.ScaledObjectDecider;
import io.prescaler.scaler.ScalerConfig;
import io.prescaler.scaler.ScalerServer;
import io.prescaler.scaler.api.ExternalScalerGrpc;
import io.prescaler.scaler.api.GetMetricsRequest;
import io.prescaler.scaler.api.GetMetricsResponse;
import io.prescaler.scaler.api.ScaledObjectRef;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The KEDA external scaler's {@code GetMetrics} latency as KEDA sees it: N ScaledObjects (and the N HPAs KEDA
 * built for them) seeded into fabric8's mock API server, the exporter's two informers and gRPC server wired as the
 * exporter wires them, and a grpc-java client on 127.0.0.1 calling at a fixed rate, round-robin over the
 * ScaledObjects. Latency is measured from each call's scheduled send time, so a stall delays every call behind it
 * in the figures too (no coordinated omission).
 */
final class KedaScalerBench implements BenchSuite {

    /** Monday 2026-11-23, 20:00 in Paris: every ScaledObject's window is open, so each call decides a minimum. */
    private static final Instant NOW = Instant.parse("2026-11-23T19:00:00Z");

    private final List<Integer> sizes;
    private final int rate;
    private final Duration duration;
    private final Duration warmUp;

    KedaScalerBench(List<Integer> sizes, int rate, Duration duration, Duration warmUp) {
        if (rate < 1) {
            throw new IllegalArgumentException("--keda-rate must be at least 1, got " + rate);
        }
        this.sizes = List.copyOf(sizes);
        this.rate = rate;
        this.duration = duration;
        this.warmUp = warmUp;
    }

    @Override
    public String name() {
        return "keda";
    }

    @Override
    public String description() {
        return "KEDA external scaler: GetMetrics p50/p99 at a fixed rate over gRPC for N ScaledObjects";
    }

    @Override
    public BenchResult run() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int size : sizes) {
            rows.add(measure(size, notes));
        }
        notes.add("Latency: GetMetrics over one plaintext HTTP/2 connection on 127.0.0.1, from each call's scheduled"
                + " send time to its answer; " + rate + " calls/s held for " + duration.toSeconds() + " s after "
                + warmUp.toSeconds() + " s of warm-up at the same rate; ScaledObjects called round-robin.");
        notes.add("Each call looks the ScaledObject up in the informer cache, its HPA's currentReplicas in the HPA"
                + " informer cache, and decides with PrescalingDecision (annotations parsed once per change).");
        notes.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ".");
        return new BenchResult(
                name(),
                "KEDA external scaler: GetMetrics latency",
                List.of("ScaledObjects", "calls/s", "calls", "p50", "p99", "max", "errors"),
                rows,
                notes);
    }

    private List<String> measure(int size, List<String> notes) throws Exception {
        KubernetesMockServer api = CrudMockApi.start();
        try (KubernetesClient client = api.createClient()) {
            long seeding = System.nanoTime();
            seed(client, size);
            notes.add(size + " ScaledObjects and their HPAs seeded into the mock API server in "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - seeding) + " s.");
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            try (HpaCache hpas = new HpaCache(client, List.of(), clock);
                    ScaledObjectCache scaledObjects = new ScaledObjectCache(client, List.of())) {
                ScaledObjectDecider decider = new ScaledObjectDecider(
                        scaledObjects,
                        (namespace, name) -> hpas.hpa(namespace, name)
                                .map(HpaFacts::currentReplicas)
                                .map(OptionalInt::of)
                                .orElse(OptionalInt.empty()),
                        new AnnotationParser(AnnotationKeys.DEFAULT, ZoneId.of("Europe/Paris")),
                        DemandFloorSource.NONE,
                        clock);
                ActiveStreams streams = new ActiveStreams(decider, Duration.ofMillis(250));
                hpas.start();
                scaledObjects.start();
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while ((!hpas.synced() || scaledObjects.size() < size) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                if (scaledObjects.size() < size) {
                    throw new IllegalStateException("the informer holds " + scaledObjects.size() + " of " + size
                            + " ScaledObjects after 5 minutes");
                }
                try (ScalerServer server = new ScalerServer(
                                new ScalerConfig(
                                        0, "127.0.0.1", Optional.empty(), Optional.empty(), Duration.ofSeconds(10)),
                                new ExternalScalerService(decider, streams),
                                streams)
                        .start()) {
                    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                            .usePlaintext()
                            .build();
                    try {
                        ExternalScalerGrpc.ExternalScalerStub stub = ExternalScalerGrpc.newStub(channel);
                        run(stub, size, warmUp);
                        Run measured = run(stub, size, duration);
                        Latencies latencies = new Latencies(measured.nanos());
                        return List.of(
                                String.format("%,d", size),
                                Integer.toString(rate),
                                Integer.toString(latencies.count()),
                                Latencies.millis(latencies.percentileMillis(50)),
                                Latencies.millis(latencies.percentileMillis(99)),
                                Latencies.millis(latencies.percentileMillis(100)),
                                Integer.toString(measured.errors()));
                    } finally {
                        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                    }
                }
            }
        } finally {
            api.destroy();
        }
    }

    private record Run(long[] nanos, int errors) {}

    /** Calls at the fixed rate for {@code length}; each latency from the call's scheduled time to its answer. */
    private Run run(ExternalScalerGrpc.ExternalScalerStub stub, int size, Duration length) throws InterruptedException {
        int calls = (int) Math.max(1, length.toMillis() * rate / 1000);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        AtomicLongArray latencies = new AtomicLongArray(calls);
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(calls);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        for (int i = 0; i < calls; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int call = i;
            String name = "so-" + (i % size);
            stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getMetrics(
                            GetMetricsRequest.newBuilder()
                                    .setScaledObjectRef(ScaledObjectRef.newBuilder()
                                            .setNamespace("bench")
                                            .setName(name))
                                    .setMetricName(ScaledObjectDecider.METRIC_NAME)
                                    .build(),
                            new StreamObserver<>() {
                                @Override
                                public void onNext(GetMetricsResponse response) {
                                    latencies.set(call, System.nanoTime() - scheduled);
                                    if (response.getMetricValues(0).getMetricValue() <= 0) {
                                        errors.incrementAndGet();
                                    }
                                }

                                @Override
                                public void onError(Throwable t) {
                                    latencies.set(call, System.nanoTime() - scheduled);
                                    errors.incrementAndGet();
                                    done.countDown();
                                }

                                @Override
                                public void onCompleted() {
                                    done.countDown();
                                }
                            });
        }
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("calls still unanswered 30 s after the last was sent");
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            nanos[i] = latencies.get(i);
        }
        return new Run(nanos, errors.get());
    }

    /** The ScaledObject CRD, N ScaledObjects prescaled 19:30-23:30 and the N HPAs KEDA built for them. */
    static void seed(KubernetesClient client, int size) {
        CustomResourceDefinition crd = client.getKubernetesSerialization()
                .unmarshal(
                        """
                        apiVersion: apiextensions.k8s.io/v1
                        kind: CustomResourceDefinition
                        metadata:
                          name: scaledobjects.keda.sh
                        spec:
                          group: keda.sh
                          names: {kind: ScaledObject, listKind: ScaledObjectList, plural: scaledobjects, singular: scaledobject}
                          scope: Namespaced
                          versions:
                            - name: v1alpha1
                              served: true
                              storage: true
                              schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                        """);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        var resources =
                client.genericKubernetesResources(ClusterReader.SCALED_OBJECTS).inNamespace("bench");
        for (int i = 0; i < size; i++) {
            GenericKubernetesResource scaledObject = new GenericKubernetesResource();
            scaledObject.setApiVersion("keda.sh/v1alpha1");
            scaledObject.setKind("ScaledObject");
            scaledObject.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                    .withName("so-" + i)
                    .withNamespace("bench")
                    .withAnnotations(Map.of(
                            AnnotationKeys.DEFAULT.minReplicas(), Integer.toString(10 + i % 20),
                            AnnotationKeys.DEFAULT.start(), "19:30",
                            AnnotationKeys.DEFAULT.end(), "23:30",
                            AnnotationKeys.DEFAULT.timezone(), "Europe/Paris"))
                    .build());
            scaledObject.setAdditionalProperty(
                    "spec",
                    Map.of(
                            "scaleTargetRef",
                            Map.of("name", "app-" + i),
                            "maxReplicaCount",
                            50,
                            "triggers",
                            List.of(Map.of(
                                    "type",
                                    "external",
                                    "name",
                                    "prescaling",
                                    "metadata",
                                    Map.of("scalerAddress", "prescaler-exporter.prescaler.svc:9090")))));
            resources.resource(scaledObject).create();
            HorizontalPodAutoscaler hpa = new HorizontalPodAutoscalerBuilder()
                    .withNewMetadata()
                    .withName("keda-hpa-so-" + i)
                    .withNamespace("bench")
                    .endMetadata()
                    .withNewSpec()
                    .withMaxReplicas(50)
                    .withNewScaleTargetRef("apps/v1", "Deployment", "app-" + i)
                    .endSpec()
                    .withNewStatus()
                    .withCurrentReplicas(5 + i % 30)
                    .withDesiredReplicas(5 + i % 30)
                    .endStatus()
                    .build();
            client.resource(hpa).create();
        }
    }
}
