package io.prescaler.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.testing.MutableClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class HpaCacheTest {

    @Test
    void countsDowntimeFromStartUpWhenTheApiServerWasNeverReached() throws IOException {
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
                HpaCache cache = new HpaCache(client, List.of(), clock, Duration.ofHours(1))) {
            cache.start();
            clock.advance(Duration.ofSeconds(30));
            assertFalse(cache.synced());
            assertFalse(cache.watching());
            assertEquals(Duration.ofSeconds(30), cache.downFor());
        }
    }

    @Test
    void saysItIsNotYetSyncedAndWhyBeforeTheFirstList() throws Exception {
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
                HpaCache cache = new HpaCache(client, List.of(), clock, Duration.ofHours(1))) {
            assertEquals("not yet synced: listing the HPAs", notYetSynced(cache));
            cache.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!notYetSynced(cache).contains("connection refused") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(notYetSynced(cache).startsWith("not yet synced: connection refused"), notYetSynced(cache));
        }
    }

    private static String notYetSynced(HpaCache cache) {
        return cache.problem().orElseThrow();
    }

    @Test
    void explainsAFailureWithTheMessagesAlongItsCauses() {
        KubernetesClientException error = new KubernetesClientException(
                "An error has occurred.",
                new IOException("Failed to connect", new ConnectException("Connection refused")));
        assertEquals(
                "connection refused (Connection refused): no API server listens there; check the server URL and the"
                        + " network",
                HpaCache.reason(error));
        assertEquals("IllegalStateException", HpaCache.reason(new IllegalStateException()));
    }

    @Test
    void watchesANamespaceNamedTwiceOnce() {
        ExporterConfig config = new ExporterConfig(
                0,
                List.of("web", "web", " images ", ""),
                List.of(),
                AnnotationKeys.DEFAULT,
                ZoneOffset.UTC,
                Duration.ofMinutes(2));
        assertEquals(List.of("web", "images"), config.namespaces());
    }
}
