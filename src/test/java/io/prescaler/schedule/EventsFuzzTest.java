package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.prescaler.kube.HpaFacts;
import io.prescaler.plan.DayPlan;
import io.prescaler.plan.DayPlanner;
import io.prescaler.plan.PlanAssumptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutates the entries of the events samples (seeded: a failure replays) and reads, applies and plans them: nothing
 * throws, each input takes bounded time, every entry left out is named in a problem, and the untouched entries are
 * still read.
 */
class EventsFuzzTest {

    private static final long SEED = 11_17L;
    private static final int ROUNDS = 40;
    private static final Duration BUDGET = Duration.ofSeconds(3);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Values the fields are replaced with: the adversarial run's, the bounds', and plain mistakes. */
    private static final List<Object> VALUES = List.of(
            "1e-999999999",
            "999999999999d",
            "99999999999999999999d",
            "106751991167301d",
            "PT2562047788015215H",
            "-999999999-01-01T00:00",
            "+999999999-12-31T23:59",
            "2200-12-31T23:59",
            "1999-12-31T23:59",
            "+18:00",
            "-18:00",
            "* * * * *",
            "0 0 29 2 1",
            "0 0 31 2 *",
            "*/0 * * * *",
            "0 25 * * 6",
            "366d",
            "367d",
            "1d",
            "1s",
            "1000",
            "0.01",
            "1000.0000001",
            List.of(),
            Map.of(),
            List.of(Map.of("key", "x", "operator", "In")),
            "",
            " ",
            "\n",
            "ℝ",
            "x".repeat(10_000),
            -1,
            0,
            Integer.MAX_VALUE,
            Long.MIN_VALUE,
            new java.math.BigDecimal("1E+999999999"),
            true);

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void neverThrows_staysWithinItsBudget_andNamesEveryEntryLeftOut() throws IOException {
        List<Map<String, Object>> samples = new ArrayList<>();
        samples.addAll(entries(Files.readString(Path.of("examples/events.yaml"))));
        Map<?, ?> configMap = YAML.readValue(
                Path.of("cronjob/prescaling-events-configmap.yaml").toFile(), Map.class);
        samples.addAll(entries((String) ((Map<?, ?>) configMap.get("data")).get("events.yaml")));
        Random random = new Random(SEED);
        Instant now = Instant.parse("2026-05-30T18:45:00Z");
        for (int round = 0; round < ROUNDS; round++) {
            List<Object> entries = new ArrayList<>();
            for (Map<String, Object> sample : samples) {
                entries.add(new LinkedHashMap<>(sample));
            }
            int fuzzed = random.nextInt(entries.size());
            mutate(random, entries, fuzzed);
            String replay = "round " + round + " (seed " + SEED + "): entry " + (fuzzed + 1) + " = "
                    + brief(entries.get(fuzzed));

            long started = System.nanoTime();
            ParsedEvents parsed = new EventsParser(PARIS).parse(entries);
            ActiveEvents active = parsed.calendar().activeAt(now);
            DayPlan plan = new DayPlanner(parsed.calendar(), PlanAssumptions.defaults())
                    .plan(LocalDate.of(2026, 5, 30), PARIS, Duration.ofMinutes(5), List.of(planned()));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertTrue(took.compareTo(BUDGET) < 0, replay + " took " + took);
            assertEquals(List.of(), active.failures(), replay);
            assertEquals(List.of(), plan.failures(), replay);
            assertEquals(1, plan.hpas().size(), replay);
            int kept = parsed.calendar().events().size();
            long named = parsed.problems().stream()
                    .mapToInt(EventProblem::entry)
                    .distinct()
                    .count();
            assertEquals(entries.size(), kept + named, replay + ": every entry is kept or named: " + parsed.problems());
            assertTrue(kept >= entries.size() - 1 - duplicateNames(entries), replay + ": " + parsed.problems());
            assertTrue(
                    parsed.problems().stream()
                            .allMatch(p ->
                                    p.message().length() < 1000 && !p.message().contains("\n")),
                    replay);
        }
    }

    private static List<Map<String, Object>> entries(String yaml) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Object entry : YAML.readValue(yaml, List.class)) {
            Map<String, Object> map = new LinkedHashMap<>();
            ((Map<?, ?>) entry).forEach((k, v) -> map.put(String.valueOf(k), v));
            entries.add(map);
        }
        return entries;
    }

    /** One to three fields of one entry replaced, removed or added; sometimes the entry itself replaced. */
    @SuppressWarnings("unchecked")
    private static void mutate(Random random, List<Object> entries, int index) {
        if (random.nextInt(20) == 0) {
            entries.set(index, VALUES.get(random.nextInt(VALUES.size())));
            return;
        }
        Map<String, Object> entry = (Map<String, Object>) entries.get(index);
        List<String> fields = new ArrayList<>(EventsParser.FIELDS);
        fields.sort(null);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            String field = fields.get(random.nextInt(fields.size()));
            switch (random.nextInt(4)) {
                case 0 -> entry.remove(field);
                case 1 -> entry.put(field + "x", "1");
                default -> entry.put(field, VALUES.get(random.nextInt(VALUES.size())));
            }
        }
    }

    /** Entries sharing the fuzzed one's name: a copy made valid by the fuzz makes the later one a duplicate. */
    private static int duplicateNames(List<Object> entries) {
        List<?> names = entries.stream()
                .map(e -> e instanceof Map<?, ?> m ? m.get("name") : "")
                .toList();
        return (int) (names.size() - names.stream().distinct().count());
    }

    private static DayPlanner.Planned planned() {
        AnnotationKeys keys = AnnotationKeys.DEFAULT;
        HpaFacts facts = new HpaFacts(
                "replay",
                "web",
                "web",
                Map.of(keys.minReplicas(), "10", keys.start(), "19:30", keys.end(), "23:30"),
                Map.of("prescaling.6play.fr/tier", "frontend"),
                100,
                0,
                List.of(MetricEncoding.DIRECT.metricName()));
        AnnotationReading.Valid reading =
                (AnnotationReading.Valid) new AnnotationParser(keys, PARIS).read(facts.annotations());
        return new DayPlanner.Planned(facts, reading.spec(), 2, Optional.empty());
    }

    private static String brief(Object entry) {
        String text = String.valueOf(entry);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
