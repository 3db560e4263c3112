package io.prescaler.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationProblem;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.testing.PrometheusText;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Puts fuzzed annotation values (seeded: a failure replays) on one HPA among good ones and checks, at every round,
 * that the scrape answers within its budget with every other HPA's series, and marks the fuzzed one when its
 * annotations are invalid.
 */
class ExporterFuzzTest {

    private static final long SEED = 17_2026L;
    private static final int ROUNDS = 120;
    private static final Duration SCRAPE_BUDGET = Duration.ofMillis(1500);

    /** Values an adversarial run or a careless hand writes; the mutations below start from these. */
    private static final List<String> SEEDS = List.of(
            "3",
            "1.5",
            "19:30",
            "23:30",
            "Mon-Fri",
            "Europe/Paris",
            "2026-07-14T23:00:00Z",
            "1e-999999999",
            "1E+999999999",
            "-0",
            "NaN",
            "Infinity",
            "0x10",
            "99999999999999999999",
            "25:00",
            "+18:00",
            "-999999999-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59Z",
            "Sat,Sun,Mon-Fri,Fri-Mon",
            "\u0000\n\r\t",
            "ℝ∞",
            "");

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void theScrapeAnswersForTheOthers_whateverOneHpaCarries() throws Exception {
        Random random = new Random(SEED);
        AnnotationParser parser = new AnnotationParser(OneBadHpaTest.KEYS, ZoneOffset.UTC);
        List<String> keys = OneBadHpaTest.KEYS.allKeys();
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, String> extra = new HashMap<>();
            int fuzzed = 1 + random.nextInt(3);
            for (int i = 0; i < fuzzed; i++) {
                String key = random.nextInt(10) == 0
                        ? OneBadHpaTest.KEYS.prefix() + "." + mutate(random, "time.start")
                        : keys.get(random.nextInt(keys.size()));
                extra.put(key, value(random));
            }
            HpaFacts bad = OneBadHpaTest.hpa("fuzzed", extra);
            OneBadHpaTest.Scrape scrape =
                    new OneBadHpaTest.Scrape(OneBadHpaTest.goodAround(bad), PrometheusTextFormatWriter.create());
            String replay = "round " + round + " (seed " + SEED + "): " + extra.keySet();

            long started = System.nanoTime();
            PrometheusText body = scrape.body();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertTrue(took.compareTo(SCRAPE_BUDGET) < 0, replay + " took " + took);
            for (int i = 0; i < 20; i++) {
                String name = "good-" + i;
                assertEquals(
                        10.0,
                        body.value(OneBadHpaTest.DIRECT, Map.of("hpa", name, "deployment", name))
                                .orElseThrow(() -> new AssertionError(replay + ": no series for " + name)),
                        replay);
            }
            assertTrue(body.value(OneBadHpaTest.DIRECT, Map.of("hpa", "fuzzed")).isPresent(), replay);
            if (parser.read(bad.annotations()) instanceof AnnotationReading.Invalid invalid) {
                for (String key : invalid.problems().stream()
                        .map(AnnotationProblem::key)
                        .distinct()
                        .toList()) {
                    assertEquals(
                            1.0,
                            body.value(PrescalingCollector.ANNOTATION_ERROR, Map.of("hpa", "fuzzed", "key", key))
                                    .orElseThrow(() -> new AssertionError(replay + ": " + key + " not marked")),
                            replay);
                }
                assertEquals(
                        0.0,
                        body.value(OneBadHpaTest.DIRECT, Map.of("hpa", "fuzzed"))
                                .orElseThrow(),
                        replay);
            }
        }
    }

    private static String value(Random random) {
        String seed = SEEDS.get(random.nextInt(SEEDS.size()));
        return switch (random.nextInt(20)) {
            case 0 -> seed.repeat(1 + random.nextInt(50_000));
            case 1 -> "0." + "9".repeat(random.nextInt(1_000_000));
            case 2, 3, 4 -> "1e-" + "9".repeat(1 + random.nextInt(12));
            case 5, 6, 7, 8, 9 -> seed;
            case 10, 11, 12, 13, 14 -> mutate(random, seed);
            default -> mutate(random, mutate(random, seed));
        };
    }

    /** One random edit: a character inserted, deleted or replaced, from digits, signs and letters that matter. */
    private static String mutate(Random random, String text) {
        String alphabet = "0123456789.-+eE:TZ,/ \n\u0000é";
        StringBuilder s = new StringBuilder(text);
        int at = s.isEmpty() ? 0 : random.nextInt(s.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
            case 0 -> s.insert(at, c);
            case 1 -> {
                if (!s.isEmpty()) {
                    s.deleteCharAt(at);
                }
            }
            default -> {
                if (!s.isEmpty()) {
                    s.setCharAt(at, c);
                }
            }
        }
        return s.toString();
    }
}
