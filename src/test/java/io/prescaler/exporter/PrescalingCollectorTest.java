package io.prescaler.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.testing.MutableClock;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PrescalingCollectorTest {

    @Test
    void rendersTheEventInfoSeriesInTextFormat() throws Exception {
        AnnotationKeys keys = AnnotationKeys.DEFAULT;
        HpaFacts hpa = new HpaFacts(
                "shop",
                "web",
                "web",
                Map.of(
                        keys.minReplicas(), "10",
                        keys.start(), "19:30",
                        keys.end(), "23:30",
                        keys.eventMultiplier(), "2",
                        keys.eventName(), "final",
                        keys.eventEnd(), "2026-07-19T23:00:00Z"),
                Map.of(),
                100,
                5,
                List.of("prescaling_min_replicas"));
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new PrescalingCollector(
                () -> List.of(hpa),
                new AnnotationParser(keys, ZoneOffset.UTC),
                Clock.fixed(Instant.parse("2026-07-19T20:00:00Z"), ZoneOffset.UTC),
                List.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PrometheusTextFormatWriter.create().write(out, registry.scrape());

        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("prescaling_event_info{event=\"final\",hpa=\"web\",namespace=\"shop\"} 1"), text);
        assertTrue(
                text.contains("prescaling_min_replicas{deployment=\"web\",hpa=\"web\",namespace=\"shop\"} 20"), text);
    }

    private static final AnnotationKeys KEYS = AnnotationKeys.DEFAULT;
    private static final Map<String, String> EVENING = Map.of(
            KEYS.minReplicas(), "10",
            KEYS.start(), "19:30",
            KEYS.end(), "23:30");

    private static HpaFacts web(int maxReplicas, int currentReplicas) {
        return new HpaFacts(
                "shop",
                "web",
                "web",
                EVENING,
                Map.of(),
                maxReplicas,
                currentReplicas,
                List.of("prescaling_min_replicas"));
    }

    private static double value(List<HpaSeries> series, HpaFamily family) {
        return series.stream()
                .flatMap(s -> s.points().stream())
                .filter(p -> p.family() == family)
                .findFirst()
                .orElseThrow()
                .value();
    }

    @Test
    void handsOutTheSameSeriesWhileNothingItShowsChanged() {
        AtomicReference<HpaFacts> hpa = new AtomicReference<>(web(100, 4));
        MutableClock clock = new MutableClock(Instant.parse("2026-07-19T20:00:00Z"));
        PrescalingCollector collector = new PrescalingCollector(
                () -> List.of(hpa.get()), new AnnotationParser(KEYS, ZoneOffset.UTC), clock, List.of());

        HpaSeries first = collector.series().get(0);
        clock.advance(Duration.ofSeconds(30));
        HpaSeries unchanged = collector.series().get(0);
        hpa.set(web(100, 4)); // a status update that changed nothing this series shows: a new, equal object
        HpaSeries afterEqualUpdate = collector.series().get(0);

        assertSame(first, unchanged);
        assertSame(first, afterEqualUpdate);
    }

    @Test
    void followsTheReplicasAndBoundsOfTheNewestObjectWhileTheAnnotationsStayTheSame() {
        AtomicReference<HpaFacts> hpa = new AtomicReference<>(web(100, 4));
        PrescalingCollector collector = new PrescalingCollector(
                () -> List.of(hpa.get()),
                new AnnotationParser(KEYS, ZoneOffset.UTC),
                Clock.fixed(Instant.parse("2026-07-19T20:00:00Z"), ZoneOffset.UTC),
                List.of());

        List<HpaSeries> before = collector.series();
        hpa.set(web(8, 7)); // scaled to 7, and maxReplicas lowered to 8 in the same update
        List<HpaSeries> after = collector.series();

        assertEquals(4, value(before, HpaFamily.CURRENT));
        assertEquals(6, value(before, HpaFamily.SHORTFALL));
        assertEquals(10, value(before, HpaFamily.EFFECTIVE));
        assertNotSame(before.get(0), after.get(0));
        assertEquals(7, value(after, HpaFamily.CURRENT));
        assertEquals(8, value(after, HpaFamily.EFFECTIVE));
        assertEquals(1, value(after, HpaFamily.SHORTFALL));
    }

    @Test
    void readsTheAnnotationsAgainWhenTheyChange() {
        AtomicReference<HpaFacts> hpa = new AtomicReference<>(web(100, 4));
        PrescalingCollector collector = new PrescalingCollector(
                () -> List.of(hpa.get()),
                new AnnotationParser(KEYS, ZoneOffset.UTC),
                Clock.fixed(Instant.parse("2026-07-19T20:00:00Z"), ZoneOffset.UTC),
                List.of());

        collector.series();
        Map<String, String> more = new HashMap<>(EVENING);
        more.put(KEYS.minReplicas(), "30");
        hpa.set(new HpaFacts("shop", "web", "web", more, Map.of(), 100, 4, List.of("prescaling_min_replicas")));

        assertEquals(30, value(collector.series(), HpaFamily.EFFECTIVE));
    }
}
