package io.prescaler.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.testing.PrometheusText;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever one HPA carries, a scrape answers, in its usual time, with every other HPA's series; the bad one gets 0
 * and {@code prescaling_annotation_error}. The values are those an adversarial run found taking the exporter down.
 */
class OneBadHpaTest {

    static final AnnotationKeys KEYS = AnnotationKeys.DEFAULT;
    static final Instant NOW = Instant.parse("2026-07-19T20:00:00Z");
    static final String DIRECT = MetricEncoding.DIRECT.metricName();

    /** A scrape as the exporter serves it: the collector's series written through the line cache. */
    static final class Scrape {
        final PrescalingCollector collector;
        final SeriesLineCache cache;

        Scrape(List<HpaFacts> hpas, PrometheusTextFormatWriter writer) {
            collector = new PrescalingCollector(
                    () -> hpas,
                    new AnnotationParser(KEYS, ZoneOffset.UTC),
                    Clock.fixed(NOW, ZoneOffset.UTC),
                    List.of());
            cache = new SeriesLineCache(writer);
        }

        PrometheusText body() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            cache.write(out, collector.series(), new MetricSnapshots(List.of()));
            return PrometheusText.parse(out.toString(StandardCharsets.UTF_8));
        }
    }

    static HpaFacts hpa(String name, Map<String, String> extra) {
        Map<String, String> annotations = new HashMap<>(Map.of(
                KEYS.minReplicas(), "10",
                KEYS.start(), "19:30",
                KEYS.end(), "23:30"));
        annotations.putAll(extra);
        return new HpaFacts("shop", name, name, annotations, Map.of(), 100, 5, List.of(DIRECT));
    }

    static List<HpaFacts> goodAround(HpaFacts bad) {
        List<HpaFacts> hpas = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hpas.add(hpa("good-" + i, Map.of()));
        }
        hpas.add(10, bad);
        return hpas;
    }

    static void assertServesTheOthersAndMarks(PrometheusText body, String bad, String badKey) {
        for (int i = 0; i < 20; i++) {
            assertEquals(
                    10.0,
                    body.value(DIRECT, Map.of("namespace", "shop", "hpa", "good-" + i, "deployment", "good-" + i))
                            .orElseThrow(() -> new AssertionError("no series for a good HPA")));
        }
        assertEquals(
                0.0,
                body.value(DIRECT, Map.of("namespace", "shop", "hpa", bad, "deployment", bad))
                        .orElseThrow());
        assertEquals(
                1.0,
                body.value(PrescalingCollector.ANNOTATION_ERROR, Map.of("namespace", "shop", "hpa", bad, "key", badKey))
                        .orElseThrow(() -> new AssertionError("the bad HPA is not marked")));
    }

    @ParameterizedTest(name = "event.multiplier \"{0}\"")
    @ValueSource(strings = {"1e-999999999", "1e-99999999", "1e-9999999", "1E+999999999", "0.0000001", "1000.5"})
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void servesEveryOtherHpa_whenOneCarriesAHostileMultiplier(String multiplier) throws IOException {
        HpaFacts bad = hpa("bad", Map.of(KEYS.eventMultiplier(), multiplier, KEYS.eventName(), "x"));
        Scrape scrape = new Scrape(goodAround(bad), PrometheusTextFormatWriter.create());

        assertServesTheOthersAndMarks(scrape.body(), "bad", KEYS.eventMultiplier());
        assertServesTheOthersAndMarks(scrape.body(), "bad", KEYS.eventMultiplier());
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void servesEveryOtherHpa_whenOneCarriesAMillionDigitMultiplier() throws IOException {
        String digits = "9".repeat(1_000_000);
        HpaFacts bad = hpa("bad", Map.of(KEYS.eventMultiplier(), "0." + digits, KEYS.eventName(), "x"));
        Scrape scrape = new Scrape(goodAround(bad), PrometheusTextFormatWriter.create());

        assertServesTheOthersAndMarks(scrape.body(), "bad", KEYS.eventMultiplier());
    }

    /** A writer that cannot render one HPA (client_java failing on something it carries) must not fail the rest. */
    @Test
    void servesEveryOtherHpa_whenTheWriterCannotRenderOne() throws IOException {
        PrometheusTextFormatWriter failingOnOne = new PrometheusTextFormatWriter(false) {
            @Override
            public void write(OutputStream out, MetricSnapshots snapshots, EscapingScheme scheme) throws IOException {
                boolean carriesBad = snapshots.stream()
                        .flatMap(s -> s.getDataPoints().stream())
                        .anyMatch(p -> "unrenderable".equals(p.getLabels().get("hpa")));
                if (carriesBad) {
                    throw new IllegalStateException("cannot render");
                }
                super.write(out, snapshots, scheme);
            }
        };
        Scrape scrape = new Scrape(goodAround(hpa("unrenderable", Map.of())), failingOnOne);

        for (int round = 0; round < 2; round++) {
            PrometheusText body = scrape.body();
            for (int i = 0; i < 20; i++) {
                assertTrue(
                        body.value(DIRECT, Map.of("namespace", "shop", "hpa", "good-" + i, "deployment", "good-" + i))
                                .isPresent());
            }
            assertTrue(body.samples().stream()
                    .noneMatch(s -> "unrenderable".equals(s.labels().get("hpa"))));
        }
    }
}
