package io.prescaler.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.spike.SpikeState;
import io.prescaler.testing.Fixtures;
import io.prescaler.testing.MutableClock;
import io.prescaler.testing.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The spike guard in the exporter, end to end against the mock API server in CRUD mode: the HPA's status is updated
 * every 15 s of the exporter's clock, as the HPA controller would, and the series are parsed back from
 * {@code /metrics}. The HPA ({@code api-spike.yaml}) runs 10 pods at a CPU target of 60 %: its demand is 10 x
 * utilization / 60.
 */
@EnableKubernetesMockClient(crud = true)
class SpikeGuardExporterTest {

    private static final Instant NOW = Instant.parse("2026-06-02T13:00:00Z");
    private static final Map<String, String> API = Map.of("namespace", "shop", "hpa", "api", "deployment", "api");

    KubernetesClient client;

    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock(NOW);
    private HpaCache cache;
    private ExporterServer exporter;

    /** The exporter made before the cache starts, as the exporter command does. */
    private void start() {
        HorizontalPodAutoscaler hpa =
                client.getKubernetesSerialization().unmarshal(Fixtures.text(getClass(), "api-spike.yaml"));
        HorizontalPodAutoscaler created = client.resource(hpa).create();
        created.setStatus(hpa.getStatus());
        client.resource(created).updateStatus();
        cache = new HpaCache(client, List.of(), clock);
        exporter = new ExporterServer(
                        new ExporterConfig(
                                0,
                                List.of(),
                                List.of(),
                                AnnotationKeys.DEFAULT,
                                ZoneId.of("Europe/Paris"),
                                Duration.ofMinutes(2)),
                        cache,
                        clock)
                .start();
        cache.start();
        await(() -> exporter.spikeGuards().state("shop/api").isPresent());
    }

    @AfterEach
    void stop() {
        if (exporter != null) {
            exporter.close();
        }
        if (cache != null) {
            cache.close();
        }
    }

    /** 15 s later, the HPA reports this CPU utilization; returns once the guard has taken it as its sample. */
    private SpikeState status(int utilization) {
        clock.advance(Duration.ofSeconds(15));
        HorizontalPodAutoscaler hpa = client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace("shop")
                .withName("api")
                .get();
        hpa.getStatus().getCurrentMetrics().get(0).getResource().getCurrent().setAverageUtilization(utilization);
        client.resource(hpa).updateStatus();
        Instant at = clock.instant();
        await(() -> exporter.spikeGuards()
                .state("shop/api")
                .map(s -> s.at().equals(at))
                .orElse(false));
        return exporter.spikeGuards().state("shop/api").orElseThrow();
    }

    private void annotate(String key, String value) {
        client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace("shop")
                .withName("api")
                .edit(h -> {
                    h.getMetadata().getAnnotations().put(key, value);
                    return h;
                });
    }

    private PrometheusText scrape() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + "/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            return PrometheusText.parse(response.body());
        } catch (Exception e) {
            throw new AssertionError("scrape failed", e);
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Five steady minutes: 10 replicas of demand, the utilization moving by a point. */
    private void steady() {
        for (int i = 0; i < 20; i++) {
            status(i % 2 == 0 ? 61 : 60);
        }
    }

    /** x5 in two minutes: from 60 % to 300 % of the target on 10 pods, in 15 s steps; the samples it took to fire. */
    private int riseX5() {
        for (int step = 1; step <= 8; step++) {
            if (status(60 + 30 * step).active()) {
                return step;
            }
        }
        return -1;
    }

    @Test
    void aSteadyDemandExportsItsSignalsAndNoSpike() {
        start();
        steady();

        PrometheusText scrape = scrape();
        assertEquals(Optional.of(0.0), scrape.value(PrescalingCollector.SPIKE_ACTIVE, API));
        assertEquals(Optional.of(0.0), scrape.value(PrescalingCollector.SPIKE_FLOOR, API));
        double velocity = scrape.value(PrescalingCollector.DEMAND_VELOCITY, API).orElseThrow();
        double acceleration =
                scrape.value(PrescalingCollector.DEMAND_ACCELERATION, API).orElseThrow();
        assertTrue(Math.abs(velocity) < 0.1, "velocity " + velocity);
        assertTrue(Math.abs(acceleration) < 0.1, "acceleration " + acceleration);
        assertEquals(Optional.of(0.0), scrape.value(PrescalingCollector.EFFECTIVE, API));
        assertEquals(Optional.of(0.0), scrape.value("prescaling_min_replicas", API), "a spike-only HPA is exported");
        assertTrue(scrape.samples(PrescalingCollector.MIN_SOURCE).isEmpty());
        assertTrue(
                scrape.help(PrescalingCollector.DEMAND_VELOCITY).orElseThrow().contains("replicas per minute"));
        assertTrue(scrape.help(PrescalingCollector.DEMAND_ACCELERATION)
                .orElseThrow()
                .contains("replicas per minute per minute"));
    }

    @Test
    void anUnannouncedRiseRaisesTheMinimumToTheSpikeFloorNamingTheSpike() {
        start();
        steady();

        int samples = riseX5();

        assertTrue(samples >= 1 && samples <= 2, "fired after " + samples + " status updates");
        PrometheusText scrape = scrape();
        double floor = scrape.value(PrescalingCollector.SPIKE_FLOOR, API).orElseThrow();
        double demand = scrape.value(PrescalingCollector.DEMAND, API).orElseThrow();
        assertEquals(Optional.of(1.0), scrape.value(PrescalingCollector.SPIKE_ACTIVE, API));
        assertTrue(floor > demand, "floor " + floor + " ahead of the demand " + demand);
        assertEquals(Optional.of(floor), scrape.value(PrescalingCollector.EFFECTIVE, API));
        assertEquals(
                Optional.of(1.0),
                scrape.value(
                        PrescalingCollector.MIN_SOURCE, Map.of("namespace", "shop", "hpa", "api", "source", "spike")));
        assertTrue(scrape.value("prescaling_min_replicas", API).orElseThrow() >= floor);
        // Fired by the acceleration (12 % of 10 replicas per minute squared): the five-minute velocity lags.
        assertTrue(scrape.value(PrescalingCollector.DEMAND_ACCELERATION, API).orElseThrow() >= 1.2);
    }

    @Test
    void inPreviewTheSpikeIsExportedButTheMinimumIsNotRaised() {
        start();
        annotate(AnnotationKeys.DEFAULT.spike(), "preview");
        await(() ->
                scrapeHasNoSource() && exporter.spikeGuards().state("shop/api").isPresent());
        steady();

        riseX5();

        PrometheusText scrape = scrape();
        assertEquals(Optional.of(1.0), scrape.value(PrescalingCollector.SPIKE_ACTIVE, API));
        assertTrue(scrape.value(PrescalingCollector.SPIKE_FLOOR, API).orElseThrow() > 0);
        assertEquals(Optional.of(0.0), scrape.value(PrescalingCollector.EFFECTIVE, API));
        assertTrue(scrape.samples(PrescalingCollector.MIN_SOURCE).isEmpty());
    }

    private boolean scrapeHasNoSource() {
        return scrape().samples(PrescalingCollector.MIN_SOURCE).isEmpty();
    }

    @Test
    void badSpikeKeysAreAnnotationErrorsAndTheGuardIsDroppedWithTheHpa() {
        start();
        annotate(AnnotationKeys.DEFAULT.spikeHold(), "forever");
        await(() -> exporter.spikeGuards().size() == 0);

        PrometheusText scrape = scrape();
        assertEquals(
                Optional.of(1.0),
                scrape.value(
                        PrescalingCollector.ANNOTATION_ERROR,
                        Map.of("namespace", "shop", "hpa", "api", "key", AnnotationKeys.DEFAULT.spikeHold())));
        assertEquals(Optional.empty(), scrape.value(PrescalingCollector.SPIKE_ACTIVE, API));

        annotate(AnnotationKeys.DEFAULT.spikeHold(), "10m");
        await(() -> exporter.spikeGuards().size() == 1);
        client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace("shop")
                .withName("api")
                .delete();
        await(() -> exporter.spikeGuards().size() == 0);
        await(() -> scrape().value(PrescalingCollector.SPIKE_FLOOR, API).isEmpty());
    }
}
