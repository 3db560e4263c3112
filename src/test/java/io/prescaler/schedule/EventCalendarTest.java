package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.input.EventsYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCalendarTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final EventCalendar calendar = calendar();

    private static EventCalendar calendar() {
        try (InputStream in = EventCalendarTest.class.getResourceAsStream("calendar-events.yaml")) {
            ParsedEvents parsed = EventsYaml.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), PARIS);
            assertEquals(java.util.List.of(), parsed.problems());
            return parsed.calendar();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} {1} [{2}] -> {3} until {4}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            textBlock =
                    """
            # instant             | namespace | labels                   | event            | end
            # the final (21:00-23:00 Paris, lead 30m) and the Saturday evening (20:00-23:00, tier=frontend)
            2026-05-30T18:29:59Z | web       | tier=frontend            | saturday-evening | 2026-05-30T21:00:00Z
            2026-05-30T18:29:59Z | web       | -                        | -                | -
            2026-05-30T18:30:00Z | web       | -                        | final            | 2026-05-30T21:00:00Z
            2026-05-30T18:30:00Z | web       | tier=frontend            | final            | 2026-05-30T21:00:00Z
            2026-05-30T20:59:59Z | web       | tier=frontend            | final            | 2026-05-30T21:00:00Z
            2026-05-30T21:00:00Z | web       | tier=frontend            | -                | -
            # equal multipliers: the one ending last wins, then the name
            2026-05-30T20:30:00Z | tie       | -                        | also-three       | 2026-05-30T21:30:00Z
            2026-05-30T21:15:00Z | tie       | -                        | also-three       | 2026-05-30T21:30:00Z
            2026-05-30T21:30:00Z | tie       | -                        | -                | -
            # a recurring 02:30 on DST days: skipped in the spring gap, once (the first 02:30) in the autumn
            2026-03-29T00:45:00Z | replay    | -                        | -                | -
            2026-03-29T01:15:00Z | replay    | -                        | -                | -
            2026-03-30T00:45:00Z | replay    | -                        | replay-night     | 2026-03-30T01:30:00Z
            2026-10-25T00:30:00Z | replay    | -                        | replay-night     | 2026-10-25T01:30:00Z
            2026-10-25T01:29:00Z | replay    | -                        | replay-night     | 2026-10-25T01:30:00Z
            2026-10-25T01:30:00Z | replay    | -                        | -                | -
            2026-10-25T02:00:00Z | replay    | -                        | -                | -
            2026-10-25T00:30:00Z | web       | -                        | -                | -
            # Saturday 20:00 Paris is 19:00Z before the spring change and 18:00Z after it
            2026-03-28T18:59:00Z | web       | tier=frontend            | -                | -
            2026-03-28T19:00:00Z | web       | tier=frontend            | saturday-evening | 2026-03-28T22:00:00Z
            2026-04-04T18:00:00Z | web       | tier=frontend            | saturday-evening | 2026-04-04T21:00:00Z
            2026-04-04T17:59:59Z | web       | tier=frontend            | -                | -
            # matchExpressions: track NotIn (canary), tier Exists
            2026-06-01T10:30:00Z | web       | tier=api                 | not-canary       | 2026-06-01T11:00:00Z
            2026-06-01T10:30:00Z | web       | tier=api;track=canary    | -                | -
            2026-06-01T10:30:00Z | web       | track=stable             | -                | -
            """)
    void choosesTheEventThatAppliesToAnHpa(
            Instant now, String namespace, String labels, String expectedEvent, Instant expectedEnd) {
        Optional<EventOccurrence> chosen = calendar.activeAt(now).forHpa(namespace, labels(labels));
        assertEquals(Optional.ofNullable(expectedEvent), chosen.map(EventOccurrence::name));
        assertEquals(Optional.ofNullable(expectedEnd), chosen.map(EventOccurrence::end));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2026-05-30T18:00:00Z, saturday-evening",
        "2026-05-30T18:30:00Z, final saturday-evening",
        "2026-05-30T20:30:00Z, also-three final saturday-evening",
        "2026-05-30T21:00:00Z, also-three",
        "2026-03-29T00:00:00Z, ''",
    })
    void listsEveryActiveOccurrenceLargestMultiplierFirst(Instant now, String expectedNames) {
        String names = calendar.activeAt(now).occurrences().stream()
                .map(EventOccurrence::name)
                .collect(Collectors.joining(" "));
        assertEquals(expectedNames, names);
    }

    @Test
    void occurrencesOfADayIncludeTheLeadAndRecurringFirings() {
        Instant from = Instant.parse("2026-05-29T22:00:00Z");
        Instant to = Instant.parse("2026-05-30T22:00:00Z");
        String occurrences = calendar.occurrencesBetween(from, to).stream()
                .map(o -> o.name() + "@" + o.activeFrom() + "/" + o.end())
                .collect(Collectors.joining(" "));
        assertEquals(
                "replay-night@2026-05-30T00:30:00Z/2026-05-30T01:30:00Z"
                        + " saturday-evening@2026-05-30T18:00:00Z/2026-05-30T21:00:00Z"
                        + " final@2026-05-30T18:30:00Z/2026-05-30T21:00:00Z"
                        + " also-three@2026-05-30T20:00:00Z/2026-05-30T21:30:00Z",
                occurrences);
    }

    @Test
    void anOccurrenceIsActiveFromItsLeadUntilItsEndExclusive() {
        EventOccurrence finalMatch = calendar.activeAt(Instant.parse("2026-05-30T19:00:00Z")).occurrences().stream()
                .filter(o -> o.name().equals("final"))
                .findFirst()
                .orElseThrow();
        assertTrue(finalMatch.isActiveAt(Instant.parse("2026-05-30T18:30:00Z")));
        assertEquals(false, finalMatch.isActiveAt(Instant.parse("2026-05-30T18:29:59Z")));
        assertEquals(false, finalMatch.isActiveAt(finalMatch.end()));
        assertEquals(Instant.parse("2026-05-30T19:00:00Z"), finalMatch.start());
    }

    private static Map<String, String> labels(String text) {
        if (text == null) {
            return Map.of();
        }
        return Arrays.stream(text.split(";"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
    }
}
