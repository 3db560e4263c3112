package io.prescaler.exporter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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
}
