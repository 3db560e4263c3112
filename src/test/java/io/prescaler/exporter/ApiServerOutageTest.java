package io.prescaler.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.testing.Fixtures;
import io.prescaler.testing.MutableClock;
import io.prescaler.testing.PrometheusText;
import io.prescaler.testing.TcpProxy;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API server goes away and comes back: the exporter keeps serving, says it is stale, then recovers. */
class ApiServerOutageTest {

    private static final Map<String, String> IMAGES = Map.of("namespace", "images", "hpa", "service-6play-images");

    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T19:00:00Z"));
    private KubernetesMockServer apiServer;
    private TcpProxy network;
    private KubernetesClient admin;
    private KubernetesClient client;
    private HpaCache cache;
    private ExporterServer exporter;

    @AfterEach
    void stop() {
        exporter.close();
        cache.close();
        client.close();
        admin.close();
        network.close();
        apiServer.destroy();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private PrometheusText awaitScrape(Predicate<PrometheusText> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            PrometheusText scrape = PrometheusText.parse(get("/metrics").body());
            if (condition.test(scrape)) {
                return scrape;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 60 s; last scrape: " + scrape.samples());
            }
            Thread.sleep(100);
        }
    }

    private void createImages(String minReplicas) {
        HorizontalPodAutoscaler hpa =
                admin.getKubernetesSerialization().unmarshal(Fixtures.text(getClass(), "images-evening.yaml"));
        hpa.getMetadata().getAnnotations().put("annotations.scaling.exporter.replica.min", minReplicas);
        admin.resource(hpa).createOr(existing -> existing.update());
    }

    @Test
    void servesTheLastKnownStateWhileTheApiServerIsDownAndRecoversByItself() throws Exception {
        apiServer = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        apiServer.init(InetAddress.getLoopbackAddress(), 0);
        admin = apiServer.createClient();
        network = new TcpProxy(apiServer.getPort());
        client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(Config.empty())
                        .withMasterUrl("http://127.0.0.1:" + network.port())
                        .withRequestRetryBackoffLimit(0)
                        .withWatchReconnectInterval(100)
                        .build())
                .build();
        createImages("25");
        cache = new HpaCache(client, List.of(), clock, Duration.ofMillis(100));
        cache.start();
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
        awaitScrape(s -> s.value("prescaling_min_replicas", IMAGES).equals(Optional.of(25.0))
                && s.value("prescaling_exporter_informer_synced", Map.of()).equals(Optional.of(1.0)));

        network.cut();
        PrometheusText during = awaitScrape(
                s -> s.value("prescaling_exporter_informer_watching", Map.of()).equals(Optional.of(0.0)));
        assertEquals(Optional.of(25.0), during.value("prescaling_min_replicas", IMAGES), "last known state");
        assertEquals(Optional.of(0.0), during.value("prescaling_exporter_stale", Map.of()), "not stale yet");

        clock.advance(Duration.ofMinutes(3));
        PrometheusText stale =
                awaitScrape(s -> s.value("prescaling_exporter_stale", Map.of()).equals(Optional.of(1.0)));
        assertTrue(stale.value("prescaling_exporter_informer_down_seconds", Map.of())
                        .orElseThrow()
                >= 180);
        HttpResponse<String> ready = get("/readyz");
        assertEquals(200, ready.statusCode(), "still ready: dropping the endpoint would drop every series");
        assertTrue(ready.body().startsWith("ready, but stale"), ready.body());

        // Meanwhile someone changed the HPA; then the API server is reachable again.
        createImages("40");
        network.restore();
        awaitScrape(s -> s.value("prescaling_min_replicas", IMAGES).equals(Optional.of(40.0)));
        PrometheusText recovered =
                awaitScrape(s -> s.value("prescaling_exporter_stale", Map.of()).equals(Optional.of(0.0)));
        assertEquals(Optional.of(1.0), recovered.value("prescaling_exporter_informer_watching", Map.of()));
        assertEquals("ready", get("/readyz").body());
    }
}
