package io.prescaler.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.schedule.EventProblem;
import io.prescaler.schedule.EventTiming;
import io.prescaler.schedule.LabelSelector;
import io.prescaler.schedule.ParsedEvents;
import io.prescaler.schedule.SpecialEvent;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventsYamlTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static String fixture(String name) throws IOException {
        try (InputStream in = EventsYamlTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void keepsTheValidEntriesAndReportsEveryProblemOfTheOthers() throws IOException {
        ParsedEvents parsed = EventsYaml.read(fixture("events-with-problems.yaml"), PARIS);

        assertEquals(
                List.of("final", "weekly"),
                parsed.calendar().events().stream().map(SpecialEvent::name).toList());
        assertEquals(
                List.of(
                        "event \"negative\" (entry 2), multiplier: \"-2\" is not a number > 0 (for example 3 or 1.5)",
                        "event \"negative\" (entry 2), end: \"2026-05-30T20:00\" is not after start \"2026-05-30T21:00\"",
                        "entry 3, name: missing; every event needs a name",
                        "event \"bad-cron\" (entry 4), multipler: is not a field of an event (expected: duration, end,"
                                + " lead, multiplier, name, namespaces, schedule, selector, start, timezone)",
                        "event \"bad-cron\" (entry 4), multiplier: missing; a number > 0, for example 3 or 1.5",
                        "event \"bad-cron\" (entry 4), schedule: \"0 25 * * 6\" is not a 5-field cron schedule (minute"
                                + " hour day-of-month month day-of-week, for example \"0 20 * * 6\" for Saturdays at"
                                + " 20:00): hour 25 is not within 0-23",
                        "event \"bad-cron\" (entry 4), duration: \"soon\" is not a duration (for example 90s, 5m,"
                                + " 1h30m, 2d or PT5M)",
                        "event \"bad-cron\" (entry 4), lead: \"5 minutes\" is not a duration (for example 90s, 5m,"
                                + " 1h30m, 2d or PT5M)",
                        "event \"both\" (entry 5), schedule: \"0 20 * * 6\" cannot be combined with start/end; an"
                                + " event is either one-off (start and end) or recurring (schedule and duration)",
                        "event \"saturday-evening\" (entry 6), namespaces: \"Not_A_Namespace\" is not a namespace name"
                                + " (a DNS label, for example \"6play\")",
                        "event \"saturday-evening\" (entry 6), selector.matchExpressions[0].operator: \"Between\" is"
                                + " not one of In, NotIn, Exists, DoesNotExist",
                        "event \"final\" (entry 7), timezone: \"Mars/Olympus\" is not an IANA time zone (for example"
                                + " \"Europe/Paris\")",
                        "event \"final\" (entry 7), start: \"2026-05-31T21:00+02:00\" is not a local date-time"
                                + " (ISO-8601 without offset, for example \"2026-05-30T21:00\"; the zone is the"
                                + " event's timezone, else --timezone)",
                        "event \"final\" (entry 7), name: \"final\" is already the name of an earlier event; names"
                                + " must be unique",
                        "entry 9, entry: \"just a string\" is not an event (a map with name, multiplier, and start/end"
                                + " or schedule/duration)",
                        "event \"final\" (entry 10), name: \"final\" is already the name of an earlier event; names"
                                + " must be unique"),
                parsed.problems().stream().map(EventProblem::message).toList());
    }

    @Test
    void readsEveryFieldOfAValidEvent() throws IOException {
        ParsedEvents parsed = EventsYaml.read(fixture("events-with-problems.yaml"), PARIS);
        SpecialEvent weekly = parsed.calendar().events().get(1);

        assertEquals(new BigDecimal("1.25"), weekly.multiplier());
        EventTiming.Recurring timing = assertInstanceOf(EventTiming.Recurring.class, weekly.timing());
        assertEquals("0 8 * * 1-5", timing.expression());
        assertEquals(Duration.ofHours(2), timing.duration());
        assertEquals(Duration.ZERO, weekly.lead());
        assertEquals(Set.of("web"), weekly.namespaces());
        assertEquals(new LabelSelector(Map.of("tier", "api"), List.of()), weekly.selector());
        assertEquals(ZoneId.of("Europe/London"), weekly.zone());

        SpecialEvent finalMatch = parsed.calendar().events().get(0);
        assertEquals(Duration.ofMinutes(30), finalMatch.lead());
        assertEquals(PARIS, finalMatch.zone());
        assertInstanceOf(EventTiming.OneOff.class, finalMatch.timing());
        assertTrue(finalMatch.selector().isEverything());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "0 0 30 2 *, false",
        "0 0 31 4 *, false",
        "0 0 29 2 *, true",
        "0 20 * * 6, true",
    })
    void rejectsAScheduleThatNeverFires(String schedule, boolean valid) {
        ParsedEvents parsed = EventsYaml.read(
                "- {name: someday, multiplier: 2, schedule: \"" + schedule + "\", duration: 1h}", PARIS);

        assertEquals(valid, parsed.problems().isEmpty(), parsed.problems().toString());
        if (!valid) {
            assertEquals(
                    "event \"someday\" (entry 1), schedule: \"" + schedule + "\" never fires (no such date, for"
                            + " example February 30); check the day of month and the month",
                    parsed.problems().get(0).message());
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            ''                                | 0 | ''
            'events: []'                      | 0 | ''
            '[]'                              | 0 | ''
            'name: lonely'                    | 0 | 'events file: is not a list of events (each "- name: ..." with a multiplier and a start/end or a schedule/duration)'
            '- name: [unclosed'               | 0 | 'events file: is not valid YAML at line 1, column 18: while parsing a flow sequence, expected '','' or '']'', but got <stream end>'
            'events: [{name: a, multiplier: 2, schedule: "0 20 * * 6", duration: 1h}]' | 1 | ''
            """)
    void readsTheWholeFileOrSaysWhyNot(String yaml, int events, String firstProblem) {
        ParsedEvents parsed = EventsYaml.read(yaml, PARIS);
        assertEquals(events, parsed.calendar().events().size());
        String problem =
                parsed.problems().isEmpty() ? "" : parsed.problems().get(0).message();
        assertTrue(problem.startsWith(firstProblem), problem);
        assertEquals(firstProblem.isEmpty(), parsed.problems().isEmpty());
    }
}
