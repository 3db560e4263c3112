package io.prescaler.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.hpa.Demand;
import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.testing.MutableClock;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cached text body against the reference: client_java's {@link PrometheusTextFormatWriter} writing one registry
 * scrape of the same collector and process series, at the same instant, after every change.
 */
class SeriesLineCacheTest {

    private static final AnnotationKeys KEYS = AnnotationKeys.DEFAULT;
    private static final String NEEDS_ESCAPING = "quote\" backslash\\ newline\n end";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-07-19T19:29:59Z"));
    private final Map<String, HpaFacts> cluster = new HashMap<>();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final PrometheusRegistry reference = new PrometheusRegistry();
    private final PrometheusRegistry process = new PrometheusRegistry();
    private PrescalingCollector collector;
    private SeriesLineCache cache;

    @BeforeEach
    void setUp() {
        collector = new PrescalingCollector(
                () -> List.copyOf(cluster.values()),
                new AnnotationParser(KEYS, ZoneOffset.UTC),
                clock,
                List.of("team"));
        cache = new SeriesLineCache(writer);
        reference.register(collector);
        // Process families whose names sort between the per-HPA families, as the real ones do.
        Histogram duration = Histogram.builder()
                .name(ExportedSeries.SCRAPE_DURATION)
                .help("Time to render /metrics.")
                .unit(Unit.SECONDS)
                .classicUpperBounds(0.01, 0.1, 1)
                .build();
        Gauge hpas = Gauge.builder()
                .name("prescaling_exporter_hpas")
                .help("HPAs in the cache.")
                .build();
        duration.observe(0.05);
        hpas.set(3);
        for (PrometheusRegistry registry : List.of(reference, process)) {
            registry.register(duration);
            registry.register(hpas);
        }
    }

    @Test
    void writesWhatClientJavaWritesAcrossAddsChangesDeletesAndTimeMoving() throws IOException {
        put(hpa("shop", "web", Map.of("team", "checkout"), 5, window("10")));
        put(hpa("admin", "web", Map.of("team", NEEDS_ESCAPING), 3, window("4")));
        put(hpa("shop", "broken", Map.of(), 2, Map.of(KEYS.minReplicas(), "ten", KEYS.start(), "25:00")));
        put(hpa("admin", "broken", Map.of(), 2, Map.of(KEYS.minReplicas(), "-1")));
        put(hpa("shop", "hand-written", Map.of(), 7, Map.of()));
        put(hpa("shop", "plain", Map.of(), 1, Map.of(), List.of()));
        Map<String, String> event = new HashMap<>(window("10"));
        event.putAll(Map.of(
                KEYS.eventMultiplier(), "2",
                KEYS.eventName(), NEEDS_ESCAPING,
                KEYS.eventEnd(), "2026-07-19T19:30:01Z"));
        put(hpa("zoo", "final", Map.of("team", "a\\b"), 4, event));
        assertSameAsClientJava("first scrape, before the window");

        clock.advance(Duration.ofSeconds(1));
        assertSameAsClientJava("the window opened");

        put(hpa("shop", "web", Map.of("team", "checkout"), 12, window("10")));
        assertSameAsClientJava("replicas changed");

        clock.advance(Duration.ofSeconds(1));
        assertSameAsClientJava("the event ended");

        put(hpa("shop", "web", Map.of("team", "payments"), 12, window("10")));
        put(hpa("admin", "web", Map.of(), 3, window("4")));
        assertSameAsClientJava("labels changed, one to nothing");

        put(hpa("shop", "broken", Map.of(), 2, window("6")));
        put(hpa("shop", "web", Map.of("team", "payments"), 12, Map.of(KEYS.minReplicas(), "12", KEYS.end(), "x")));
        assertSameAsClientJava("annotations fixed on one HPA and broken on another");

        put(demanding(hpa("zoo", "final", Map.of("team", "a\\b"), 4, event), 7.25));
        assertSameAsClientJava("a demand appeared");

        put(demanding(hpa("zoo", "final", Map.of("team", "a\\b"), 4, event), 1.0 / 3));
        assertSameAsClientJava("only the demand changed");

        put(demanding(hpa("zoo", "final", Map.of("team", "a\\b"), 5, event), 2.5));
        assertSameAsClientJava("the demand and the replicas changed again, rewritten in the same lines");

        put(hpa("zoo", "final", Map.of("team", "a\\b"), 4, event));
        assertSameAsClientJava("the demand is no longer known");

        cluster.remove("admin/broken");
        put(hpa("admin", "added", Map.of("team", "new"), 1, window("2")));
        assertSameAsClientJava("one HPA deleted, one added");

        cluster.clear();
        put(hpa("admin", "added", Map.of("team", "new"), 1, window("2")));
        assertSameAsClientJava("every other HPA deleted: families without data points omitted");
        assertEquals(1, cache.size(), "the lines of deleted HPAs are dropped");

        cluster.clear();
        assertSameAsClientJava("no HPA left");
        assertEquals(0, cache.size());
    }

    @Test
    void escapesLabelValuesAsClientJavaDoes() throws IOException {
        put(hpa("shop", "web", Map.of("team", NEEDS_ESCAPING), 5, window("10")));

        String body = cached();

        assertTrue(body.contains("team=\"quote\\\" backslash\\\\ newline\\n end\""), body);
    }

    @Test
    void aBodyHandedOutKeepsItsValuesWhenTheNextScrapeRewritesThem() throws IOException {
        put(demanding(hpa("shop", "web", Map.of(), 5, window("10")), 7.25));
        SeriesLineCache.Body first = cache.body(collector.series(), process.scrape());
        String before = text(first);

        put(demanding(hpa("shop", "web", Map.of(), 6, window("10")), 9.5));
        cache.body(collector.series(), process.scrape());

        assertEquals(before, text(first), "the first scrape's body is still being written out");
        assertTrue(before.contains("7.25"), before);
    }

    private static String text(SeriesLineCache.Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void concurrentScrapesEachGetTheReferenceBody() throws Exception {
        for (int i = 0; i < 200; i++) {
            put(hpa("ns-" + i % 7, "app-" + i, Map.of("team", "t" + i % 3), i % 20, window(Integer.toString(1 + i))));
        }
        String expected = referenceBody();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> bodies = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                bodies.add(pool.submit((Callable<String>) this::cached));
            }
            for (Future<String> body : bodies) {
                assertEquals(expected, body.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertSameAsClientJava(String step) throws IOException {
        String expected = referenceBody();
        assertEquals(expected, cached(), step);
        assertEquals(expected, cached(), step + ", from the cache alone");
    }

    private String referenceBody() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, reference.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private String cached() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cache.write(out, collector.series(), process.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private void put(HpaFacts hpa) {
        cluster.put(hpa.key(), hpa);
    }

    /** A daily window 19:30-23:30 UTC asking for this minimum. */
    private static Map<String, String> window(String minReplicas) {
        return Map.of(KEYS.minReplicas(), minReplicas, KEYS.start(), "19:30", KEYS.end(), "23:30");
    }

    /** The same HPA with the replicas its other metrics ask for. */
    private static HpaFacts demanding(HpaFacts hpa, double replicas) {
        return new HpaFacts(
                hpa.namespace(),
                hpa.name(),
                hpa.targetName(),
                hpa.annotations(),
                hpa.labels(),
                hpa.maxReplicas(),
                hpa.currentReplicas(),
                hpa.externalMetricNames(),
                hpa.minReplicas(),
                Optional.of(new Demand(replicas, "cpu")));
    }

    private static HpaFacts hpa(
            String namespace, String name, Map<String, String> labels, int replicas, Map<String, String> annotations) {
        return hpa(namespace, name, labels, replicas, annotations, List.of(MetricEncoding.DIRECT.metricName()));
    }

    private static HpaFacts hpa(
            String namespace,
            String name,
            Map<String, String> labels,
            int replicas,
            Map<String, String> annotations,
            List<String> metrics) {
        return new HpaFacts(namespace, name, name + "-deployment", annotations, labels, 100, replicas, metrics);
    }
}
