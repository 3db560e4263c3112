package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prescaler.input.EventsYaml;
import io.prescaler.testing.Fixtures;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What events apply wants of one HPA, decided without a cluster: the table of cases the applier relies on. */
class EventDecisionsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final AnnotationKeys KEYS = AnnotationKeys.DEFAULT;
    /** 20:30 in Paris: the final's lead has begun, the Saturday evening is on. */
    private static final Instant NOW = Instant.parse("2026-05-30T18:30:00Z");

    private static final Map<String, String> PRESCALED =
            Map.of(KEYS.minReplicas(), "25", KEYS.start(), "19:30", KEYS.end(), "23:30");
    private static final Map<String, String> FINAL =
            Map.of(KEYS.eventMultiplier(), "3", KEYS.eventName(), "final", KEYS.eventEnd(), "2026-05-30T21:00:00Z");
    private static final Map<String, String> SATURDAY = Map.of(
            KEYS.eventMultiplier(), "2", KEYS.eventName(), "saturday-evening", KEYS.eventEnd(), "2026-05-30T21:00:00Z");

    /**
     * One row: an HPA's labels and annotations, and what should change.
     *
     * @param set the event annotations to write
     * @param remove the event annotations to remove
     * @param held left as it is because its event's entry is invalid
     */
    record Row(
            String name,
            Map<String, String> labels,
            Map<String, String> annotations,
            Map<String, String> set,
            Set<String> remove,
            boolean held) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, String> with(Map<String, String> first, Map<String, String> second) {
        Map<String, String> all = new LinkedHashMap<>(first);
        all.putAll(second);
        return all;
    }

    static Stream<Row> table() {
        Map<String, String> frontend = Map.of("tier", "frontend");
        return Stream.of(
                new Row("a prescaled HPA gets the active event", Map.of(), PRESCALED, FINAL, Set.of(), false),
                new Row(
                        "already carrying it: nothing to write",
                        Map.of(),
                        with(PRESCALED, FINAL),
                        Map.of(),
                        Set.of(),
                        false),
                new Row("two events in scope: the larger multiplier wins", frontend, PRESCALED, FINAL, Set.of(), false),
                new Row(
                        "a smaller event carried is replaced",
                        frontend,
                        with(PRESCALED, SATURDAY),
                        Map.of(KEYS.eventMultiplier(), "3", KEYS.eventName(), "final"),
                        Set.of(),
                        false),
                new Row(
                        "no longer prescaled: the event annotations go",
                        Map.of(),
                        FINAL,
                        Map.of(),
                        Set.copyOf(KEYS.eventKeys()),
                        false),
                new Row(
                        "invalid prescaling annotations never get a multiplier",
                        Map.of(),
                        Map.of(KEYS.minReplicas(), "many", KEYS.start(), "19:30"),
                        Map.of(),
                        Set.of(),
                        false),
                new Row(
                        "its event's entry is invalid and not ended: held",
                        Map.of(),
                        with(
                                PRESCALED,
                                Map.of(
                                        KEYS.eventMultiplier(),
                                        "3",
                                        KEYS.eventName(),
                                        "typo",
                                        KEYS.eventEnd(),
                                        "2026-05-30T21:00:00Z")),
                        Map.of(),
                        Set.of(),
                        true),
                new Row(
                        "its event's entry is invalid but ended: decided again",
                        Map.of(),
                        with(
                                PRESCALED,
                                Map.of(
                                        KEYS.eventMultiplier(),
                                        "3",
                                        KEYS.eventName(),
                                        "typo",
                                        KEYS.eventEnd(),
                                        "2026-05-30T18:00:00Z")),
                        Map.of(KEYS.eventName(), "final", KEYS.eventEnd(), "2026-05-30T21:00:00Z"),
                        Set.of(),
                        false),
                new Row(
                        "its event's entry is invalid and it has no end: decided again",
                        Map.of(),
                        with(PRESCALED, Map.of(KEYS.eventMultiplier(), "3", KEYS.eventName(), "typo")),
                        Map.of(KEYS.eventName(), "final", KEYS.eventEnd(), "2026-05-30T21:00:00Z"),
                        Set.of(),
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decidesTheEventAnnotationsOfOneHpa(Row row) {
        ParsedEvents events = EventsYaml.read(Fixtures.text(getClass(), "decisions-events.yaml"), PARIS);
        assertEquals(1, events.problems().size(), "the typo entry is skipped");
        EventDecisions decisions = new EventDecisions(new AnnotationParser(KEYS, PARIS), events, NOW);

        EventDecisions.Decision decision = decisions.of("web", row.labels(), row.annotations());

        assertEquals(row.held(), decision.held(), "held");
        assertEquals(
                row.set(), decision.change().map(EventAnnotations.Change::set).orElse(Map.of()), "set");
        assertEquals(
                row.remove(),
                decision.change().map(EventAnnotations.Change::remove).orElse(Set.of()),
                "remove");
    }

    @Test
    void listsTheOccurrencesActiveNow() {
        ParsedEvents events = EventsYaml.read(Fixtures.text(getClass(), "decisions-events.yaml"), PARIS);
        EventDecisions decisions = new EventDecisions(new AnnotationParser(KEYS, PARIS), events, NOW);

        assertEquals(
                List.of("final", "saturday-evening"),
                decisions.active().occurrences().stream()
                        .map(EventOccurrence::name)
                        .sorted()
                        .toList());
    }
}
