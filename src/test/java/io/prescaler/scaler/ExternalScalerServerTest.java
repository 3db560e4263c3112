package io.prescaler.scaler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.prescaler.scaler.api.ExternalScalerGrpc;
import io.prescaler.scaler.api.GetMetricSpecResponse;
import io.prescaler.scaler.api.GetMetricsRequest;
import io.prescaler.scaler.api.GetMetricsResponse;
import io.prescaler.scaler.api.IsActiveResponse;
import io.prescaler.scaler.api.MetricSpec;
import io.prescaler.scaler.api.ScaledObjectRef;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KEDA's side of the wire: a real grpc-java client calling the exporter's scaler over loopback. */
@EnableKubernetesMockClient(crud = true)
class ExternalScalerServerTest {

    /** Monday 2026-11-23, 20:00 in Paris: the evening window 19:30-23:30 is open. */
    private static final Instant OPEN = Instant.parse("2026-11-23T19:00:00Z");
    /** One second before the window opens, at 19:29:59 in Paris. */
    private static final Instant JUST_BEFORE = Instant.parse("2026-11-23T18:29:59Z");

    KubernetesClient client;
    KubernetesMockServer server;

    private final MutableClock clock = new MutableClock(OPEN);
    private ScalerHarness scaler;
    private ManagedChannel channel;
    private ExternalScalerGrpc.ExternalScalerBlockingStub stub;

    @BeforeEach
    void startScaler() throws Exception {
        ScalerHarness.installKeda(client);
        for (String fixture :
                List.of("web-evening.yaml", "keda-hpa-web.yaml", "capped.yaml", "invalid.yaml", "plain.yaml")) {
            ScalerHarness.create(client, fixture);
        }
        scaler = new ScalerHarness(client, clock, ScalerHarness.plaintext());
        ScalerHarness.await(() -> scaler.scaledObjects.size() == 4, "the four ScaledObjects");
        ScalerHarness.await(() -> scaler.hpas.hpa("shop", "keda-hpa-web").isPresent(), "KEDA's HPA");
        channel = scaler.channel();
        stub = ExternalScalerGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (scaler != null) {
            scaler.close();
        }
    }

    private static ScaledObjectRef ref(String name) {
        return ScaledObjectRef.newBuilder()
                .setNamespace("shop")
                .setName(name)
                .putScalerMetadata("scalerAddress", "prescaler-exporter.prescaler.svc:9090")
                .build();
    }

    private static GetMetricsRequest metrics(String name, String metricName) {
        return GetMetricsRequest.newBuilder()
                .setScaledObjectRef(ref(name))
                .setMetricName(metricName)
                .build();
    }

    @Test
    void getMetricSpecNamesTheOneMetricWithTargetOne() {
        GetMetricSpecResponse spec = stub.getMetricSpec(ref("web"));
        assertEquals(
                List.of(MetricSpec.newBuilder()
                        .setMetricName("prescaling-min-replicas")
                        .setTargetSize(1)
                        .setTargetSizeFloat(1.0)
                        .build()),
                spec.getMetricSpecsList());
    }

    @Test
    void getMetricsServesTheToleranceProofValueOfPrescalingMinReplicas() {
        GetMetricsResponse response = stub.getMetrics(metrics("web", "prescaling-min-replicas"));
        assertEquals(1, response.getMetricValuesCount());
        // 25 wanted, 24 running: 25/24 is inside the HPA's 10 % tolerance, so the value steps past it: 27.
        assertEquals(27, response.getMetricValues(0).getMetricValue());
        assertEquals(27.0, response.getMetricValues(0).getMetricValueFloat());
        assertEquals("prescaling-min-replicas", response.getMetricValues(0).getMetricName());
        assertEquals(
                MetricEncoding.DIRECT.value(
                        io.prescaler.schedule.PrescalingDecision.decide(
                                        new io.prescaler.schedule.AnnotationParser(
                                                        io.prescaler.schedule.AnnotationKeys.DEFAULT,
                                                        java.time.ZoneId.of("Europe/Paris"))
                                                .read(scaler.scaledObjects
                                                        .get("shop", "web")
                                                        .orElseThrow()
                                                        .annotations()),
                                        40,
                                        24,
                                        OPEN)
                                .minimum(),
                        24),
                response.getMetricValues(0).getMetricValue(),
                "the very value the exporter publishes for an HPA with the same annotations, bound and replicas");
    }

    @Test
    void getMetricsAcceptsTheMetricNameWithKedasTriggerIndex() {
        GetMetricsResponse response = stub.getMetrics(metrics("web", "s1-prescaling-min-replicas"));
        assertEquals(27, response.getMetricValues(0).getMetricValue());
        assertEquals("s1-prescaling-min-replicas", response.getMetricValues(0).getMetricName());
    }

    @Test
    void getMetricsIsCappedAtMaxReplicaCountAndUsesNoReplicasWhenKedasHpaIsUnknown() {
        assertEquals(
                8,
                stub.getMetrics(metrics("capped", "prescaling-min-replicas"))
                        .getMetricValues(0)
                        .getMetricValue());
    }

    @Test
    void isActiveWhileTheWindowIsOpenAndNotBefore() {
        assertTrue(stub.isActive(ref("web")).getResult());
        clock.advance(Duration.between(OPEN, JUST_BEFORE));
        assertFalse(stub.isActive(ref("web")).getResult());
        assertEquals(
                0,
                stub.getMetrics(metrics("web", "prescaling-min-replicas"))
                        .getMetricValues(0)
                        .getMetricValue());
    }

    @Test
    void answersNotFoundForAnUnknownScaledObject() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.isActive(ref("ghost")));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals(
                "ScaledObject shop/ghost not found: the exporter's informer has no ScaledObject of that namespace and"
                        + " name",
                e.getStatus().getDescription());
    }

    @Test
    void answersInvalidArgumentNamingTheBadKey() {
        StatusRuntimeException e = assertThrows(
                StatusRuntimeException.class, () -> stub.getMetrics(metrics("broken", "prescaling-min-replicas")));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(
                e.getStatus().getDescription().startsWith("ScaledObject shop/broken: invalid prescaling annotations"));
        assertTrue(
                e.getStatus().getDescription().contains("annotations.scaling.exporter.replica.min"),
                e.getStatus().getDescription());
    }

    @Test
    void answersFailedPreconditionForAScaledObjectWithoutAnnotations() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.isActive(ref("plain")));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("carries no prescaling annotations"));
    }

    @Test
    void answersInvalidArgumentForAnEmptyReferenceOrAnotherMetric() {
        StatusRuntimeException noName = assertThrows(
                StatusRuntimeException.class,
                () -> stub.getMetricSpec(
                        ScaledObjectRef.newBuilder().setNamespace("shop").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, noName.getStatus().getCode());
        assertEquals(
                "scaledObjectRef.name is empty: name the ScaledObject",
                noName.getStatus().getDescription());
        StatusRuntimeException noNamespace = assertThrows(
                StatusRuntimeException.class,
                () -> stub.isActive(ScaledObjectRef.newBuilder().setName("web").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, noNamespace.getStatus().getCode());
        StatusRuntimeException otherMetric =
                assertThrows(StatusRuntimeException.class, () -> stub.getMetrics(metrics("web", "cpu")));
        assertEquals(Status.Code.INVALID_ARGUMENT, otherMetric.getStatus().getCode());
        assertEquals(
                "metricName \"cpu\" is not served: the only metric is prescaling-min-replicas",
                otherMetric.getStatus().getDescription());
        StatusRuntimeException noRequest = assertThrows(
                StatusRuntimeException.class, () -> stub.getMetrics(GetMetricsRequest.getDefaultInstance()));
        assertEquals(Status.Code.INVALID_ARGUMENT, noRequest.getStatus().getCode());
    }

    @Test
    void answersUnimplementedForStreamMetricSpec() {
        MethodDescriptor<ScaledObjectRef, GetMetricSpecResponse> streamMetricSpec =
                MethodDescriptor.<ScaledObjectRef, GetMetricSpecResponse>newBuilder()
                        .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
                        .setFullMethodName("externalscaler.ExternalScaler/StreamMetricSpec")
                        .setRequestMarshaller(ProtoUtils.marshaller(ScaledObjectRef.getDefaultInstance()))
                        .setResponseMarshaller(ProtoUtils.marshaller(GetMetricSpecResponse.getDefaultInstance()))
                        .build();
        StatusRuntimeException e =
                assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingServerStreamingCall(
                                channel, streamMetricSpec, CallOptions.DEFAULT, ref("web"))
                        .hasNext());
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    }

    /** Collects what a stream receives. */
    private static final class Received implements StreamObserver<IsActiveResponse> {
        final BlockingQueue<Object> items = new LinkedBlockingQueue<>();

        @Override
        public void onNext(IsActiveResponse value) {
            items.add(value.getResult());
        }

        @Override
        public void onError(Throwable t) {
            items.add(t);
        }

        @Override
        public void onCompleted() {
            items.add("completed");
        }

        Object next() throws InterruptedException {
            Object item = items.poll(20, TimeUnit.SECONDS);
            assertNotNull(item, "nothing received in 20 s");
            return item;
        }
    }

    @Test
    void streamIsActiveSendsTheStateThenSeesTheWindowOpen() throws Exception {
        clock.advance(Duration.between(OPEN, JUST_BEFORE));
        Received received = new Received();
        ExternalScalerGrpc.newStub(channel).streamIsActive(ref("web"), received);
        assertEquals(false, received.next());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(true, received.next(), "the window opened at 19:30:00");
        clock.advance(Duration.ofMinutes(1));
        Thread.sleep(600);
        assertTrue(received.items.isEmpty(), "nothing more while it stays open: " + received.items);
    }

    @Test
    void streamIsActiveSeesAnAnnotationEdit() throws Exception {
        clock.advance(Duration.between(OPEN, JUST_BEFORE));
        Received received = new Received();
        ExternalScalerGrpc.newStub(channel).streamIsActive(ref("web"), received);
        assertEquals(false, received.next());
        client.genericKubernetesResources(ScaledObjectCache.SCALED_OBJECTS)
                .inNamespace("shop")
                .withName("web")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"annotations\":{\"annotations.scaling.exporter.time.start\":\"19:00\"}}}");
        assertEquals(true, received.next(), "the window now opens at 19:00");
    }

    @Test
    void streamIsActiveEndsWithNotFoundWhenTheScaledObjectIsDeleted() throws Exception {
        Received received = new Received();
        ExternalScalerGrpc.newStub(channel).streamIsActive(ref("web"), received);
        assertEquals(true, received.next());
        client.genericKubernetesResources(ScaledObjectCache.SCALED_OBJECTS)
                .inNamespace("shop")
                .withName("web")
                .delete();
        Object end = received.next();
        assertTrue(end instanceof StatusRuntimeException, String.valueOf(end));
        assertEquals(
                Status.Code.NOT_FOUND,
                ((StatusRuntimeException) end).getStatus().getCode());
        ScalerHarness.await(() -> scaler.streams.size() == 0, "the stream to be dropped");
    }

    @Test
    void dropsAStreamWhoseClientDisconnects() throws Exception {
        ManagedChannel other = scaler.channel();
        Received received = new Received();
        ExternalScalerGrpc.newStub(other).streamIsActive(ref("web"), received);
        assertEquals(true, received.next());
        assertEquals(1, scaler.streams.size());
        other.shutdownNow();
        ScalerHarness.await(() -> scaler.streams.size() == 0, "the stream of the gone client to be dropped");
        // The server serves on: a new client is answered.
        assertTrue(stub.isActive(ref("web")).getResult());
    }

    @Test
    void servesAHundredConcurrentStreams() throws Exception {
        clock.advance(Duration.between(OPEN, JUST_BEFORE));
        List<ManagedChannel> channels = new ArrayList<>();
        List<Received> all = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                channels.add(scaler.channel());
            }
            for (int i = 0; i < 100; i++) {
                Received received = new Received();
                ExternalScalerGrpc.newStub(channels.get(i % 10)).streamIsActive(ref("web"), received);
                all.add(received);
            }
            for (Received received : all) {
                assertEquals(false, received.next());
            }
            assertEquals(100, scaler.streams.size());
            clock.advance(Duration.ofSeconds(1));
            for (Received received : all) {
                assertEquals(true, received.next());
            }
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
        }
        ScalerHarness.await(() -> scaler.streams.size() == 0, "every stream to be dropped");
    }
}
