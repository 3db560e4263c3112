package io.prescaler.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.testing.MutableClock;
import io.prescaler.testing.PrometheusText;
import java.net.ServerSocket;
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
import org.junit.jupiter.api.Test;

/** An exporter that has never reached its API server says so: not ready, not synced, and not "stale". */
class NotYetSyncedTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void isNotReadyAndNamesWhyButIsNotStaleBeforeTheFirstSync() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T19:00:00Z"));
        try (KubernetesClient client = new KubernetesClientBuilder()
                        .withConfig(new ConfigBuilder(Config.empty())
                                .withMasterUrl("http://127.0.0.1:" + closedPort)
                                .withRequestRetryBackoffLimit(0)
                                .build())
                        .build();
                HpaCache cache = new HpaCache(client, List.of(), clock, Duration.ofMillis(100));
                ExporterServer exporter = new ExporterServer(
                        new ExporterConfig(
                                0,
                                List.of(),
                                List.of(),
                                AnnotationKeys.DEFAULT,
                                ZoneId.of("Europe/Paris"),
                                Duration.ofMinutes(2),
                                "127.0.0.1"),
                        cache,
                        clock)) {
            cache.start();
            exporter.start();
            clock.advance(Duration.ofMinutes(5));

            HttpResponse<String> ready = get(exporter, "/readyz");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!ready.body().contains("connection refused") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                ready = get(exporter, "/readyz");
            }

            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().startsWith("not yet synced: "), ready.body());
            assertTrue(ready.body().contains("connection refused"), ready.body());
            PrometheusText scrape =
                    PrometheusText.parse(get(exporter, "/metrics").body());
            assertEquals(Optional.of(0.0), scrape.value("prescaling_exporter_informer_synced", Map.of()));
            assertEquals(Optional.of(0.0), scrape.value("prescaling_exporter_stale", Map.of()), "no state to be stale");
        }
    }

    private HttpResponse<String> get(ExporterServer exporter, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
