package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The event annotations {@code events apply} wants on an HPA and the change from what it carries. The occurrence
 * written "final x3" is the final with multiplier 3 ending 2026-05-30T21:30:00Z; "-" stands for none.
 */
class EventAnnotationsTest {

    private static final AnnotationKeys KEYS = AnnotationKeys.DEFAULT;
    private static final EventAnnotations EVENTS = new EventAnnotations(KEYS);
    private static final String MULTIPLIER = KEYS.eventMultiplier();
    private static final String NAME = KEYS.eventName();
    private static final String END = KEYS.eventEnd();

    private static Optional<EventOccurrence> occurrence(String text) {
        if (text.equals("-")) {
            return Optional.empty();
        }
        String[] parts = text.split(" x");
        SpecialEvent event = new SpecialEvent(
                parts[0],
                new BigDecimal(parts[1]),
                new EventTiming.OneOff(
                        LocalDateTime.parse("2026-05-30T21:00"), LocalDateTime.parse("2026-05-30T23:30")),
                Duration.ofMinutes(45),
                Set.of(),
                LabelSelector.EVERYTHING,
                ZoneId.of("Europe/Paris"));
        return Optional.of(new EventOccurrence(
                event, new TimeSpan(Instant.parse("2026-05-30T19:00:00Z"), Instant.parse("2026-05-30T21:30:00Z"))));
    }

    /** "key=value" pairs separated by spaces, the keys short for the three event keys; "-" for none. */
    private static Map<String, String> annotations(String text) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (text.equals("-")) {
            return annotations;
        }
        for (String pair : text.split(" ")) {
            String[] kv = pair.split("=", 2);
            annotations.put(key(kv[0]), kv[1]);
        }
        return annotations;
    }

    private static String key(String shortKey) {
        return switch (shortKey) {
            case "multiplier" -> MULTIPLIER;
            case "name" -> NAME;
            case "end" -> END;
            default -> shortKey;
        };
    }

    private static Set<String> keys(String text) {
        return text.equals("-")
                ? Set.of()
                : new TreeSet<>(Arrays.stream(text.split(" "))
                        .map(EventAnnotationsTest::key)
                        .toList());
    }

    @ParameterizedTest(name = "[{0}] + {1} -> set {2}, remove {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # carried                                                        | occurrence | set                                                        | remove
            -                                                                | -          | -                                                          | -
            team=shop                                                        | -          | -                                                          | -
            -                                                                | final x3   | multiplier=3 name=final end=2026-05-30T21:30:00Z           | -
            team=shop                                                        | final x3   | multiplier=3 name=final end=2026-05-30T21:30:00Z           | -
            multiplier=3 name=final end=2026-05-30T21:30:00Z                 | final x3   | -                                                          | -
            multiplier=2 name=final end=2026-05-30T21:30:00Z                 | final x3   | multiplier=3                                               | -
            multiplier=3.0 name=final end=2026-05-30T21:30:00Z               | final x3   | multiplier=3                                               | -
            multiplier=3 name=semi end=2026-05-29T21:30:00Z                  | final x3   | name=final end=2026-05-30T21:30:00Z                        | -
            multiplier=3 name=final                                          | final x3   | end=2026-05-30T21:30:00Z                                   | -
            multiplier=1.5 name=final end=2026-05-30T21:30:00Z               | final x1.50 | -                                                          | -
            multiplier=3 name=final end=2026-05-30T21:30:00Z team=shop       | -          | -                                                          | multiplier name end
            name=final                                                       | -          | -                                                          | name
            """)
    void changesOnlyTheThreeEventKeys_toExactlyWhatTheOccurrenceWants(
            String carried, String occurrence, String set, String remove) {
        Optional<EventAnnotations.Change> change = EVENTS.change(annotations(carried), occurrence(occurrence));

        if (set.equals("-") && remove.equals("-")) {
            assertEquals(Optional.empty(), change);
            return;
        }
        assertEquals(annotations(set), change.orElseThrow().set());
        assertEquals(keys(remove), change.orElseThrow().remove());
    }

    @ParameterizedTest(name = "[{0}] + {1}: {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            -                                            | final x3 | event final applied: minimum x3 until 2026-05-30T21:30:00Z
            multiplier=3 name=semi end=2026-05-29T21:30:00Z | final x1.50 | event final applied: minimum x1.5 until 2026-05-30T21:30:00Z
            multiplier=3 name=semi end=2026-05-29T21:30:00Z | - | event semi removed: no event applies
            multiplier=3                                 | -        | event (unnamed) removed: no event applies
            """)
    void describesTheChangeInOneLine(String carried, String occurrence, String line) {
        EventAnnotations.Change change =
                EVENTS.change(annotations(carried), occurrence(occurrence)).orElseThrow();

        assertEquals(line, change.describe());
        assertEquals(occurrence.equals("-"), change.removesEvent());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"3, 3", "3.0, 3", "3E+0, 3", "1.50, 1.5", "0.10, 0.1", "1E+2, 100", "100, 100", "2.5, 2.5"})
    void writesAMultiplierAsAPlainDecimal(String multiplier, String annotation) {
        assertEquals(annotation, EventAnnotations.plain(new BigDecimal(multiplier)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"final x3", "-"})
    void wantsTheThreeKeysForAnOccurrenceAndNoneWithout(String occurrence) {
        Map<String, String> wanted = EVENTS.wanted(occurrence(occurrence));

        assertEquals(occurrence.equals("-") ? List.of() : KEYS.eventKeys(), List.copyOf(wanted.keySet()));
        assertTrue(wanted.keySet().stream().allMatch(KEYS.eventKeys()::contains));
    }
}
