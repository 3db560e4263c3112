package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prescaler.input.EventsYaml;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each entry an adversarial run found passing validation and then aborting a whole {@code events apply} run is
 * refused alone, named, before any arithmetic; the valid entry beside it is kept.
 */
class EventsParserBoundsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String VALID =
            "- {name: final, multiplier: 3, start: 2026-05-30T21:00, end: 2026-05-30T23:30}";

    private static ParsedEvents read(String badEntry) {
        return EventsYaml.read("- {name: bad, " + badEntry + "}\n" + VALID, PARIS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            multiplier: 2, schedule: '0 20 * * 6', duration: 3h, lead: 999999999999d                | lead: "999999999999d" is longer than 1d (a lead is from 0 to 1d, for example 15m)
            multiplier: 2, schedule: '0 20 * * 6', duration: 3h, lead: 9999999d                     | lead: "9999999d" is longer than 1d (a lead is from 0 to 1d, for example 15m)
            multiplier: 2, schedule: '* * * * *', duration: 1m, lead: 3650d                          | lead: "3650d" is longer than 1d (a lead is from 0 to 1d, for example 15m)
            multiplier: 2, schedule: '0 20 * * 6', duration: 99999999999999999999d                  | duration: "99999999999999999999d" is not a duration (for example 90s, 5m, 1h30m, 2d or PT5M)
            multiplier: 2, schedule: '0 20 * * 6', duration: 106751991167301d                       | duration: "106751991167301d" is not a duration (for example 90s, 5m, 1h30m, 2d or PT5M)
            multiplier: 2, schedule: '0 20 * * 6', duration: PT2562047788015215H                    | duration: "PT2562047788015215H" is longer than 366d (an event lasts at most 366d, for example 3h)
            multiplier: 2, schedule: '0 20 * * 6', duration: 367d                                   | duration: "367d" is longer than 366d (an event lasts at most 366d, for example 3h)
            multiplier: 2, start: '-999999999-01-01T00:00', end: 2026-05-30T23:00, timezone: '+18:00' | start: "-999999999-01-01T00:00" is not in the years 2000 to 2200 (for example "2026-05-30T21:00")
            multiplier: 2, start: 2026-05-30T21:00, end: '+999999999-12-31T23:59', timezone: '-18:00' | end: "+999999999-12-31T23:59" is not in the years 2000 to 2200 (for example "2026-05-30T21:00")
            multiplier: 2, start: 2026-05-30T21:00, end: 2027-06-30T21:00                           | end: "2027-06-30T21:00" is more than 366d after start "2026-05-30T21:00"; an event lasts at most 366d
            multiplier: '1e-999999999', start: 2026-05-30T21:00, end: 2026-05-30T23:00              | multiplier: "1e-999999999" is not a plain decimal (no exponent): a multiplier is a plain decimal from 0.01 to 1000 with at most 6 decimals (for example 3 or 1.5)
            multiplier: 1.0e+3, start: 2026-05-30T21:00, end: 2026-05-30T23:00                      | multiplier: "1.0E+3" is not a plain decimal (no exponent): a multiplier is a plain decimal from 0.01 to 1000 with at most 6 decimals (for example 3 or 1.5)
            multiplier: 5000, start: 2026-05-30T21:00, end: 2026-05-30T23:00                        | multiplier: "5000" is out of range: a multiplier is a plain decimal from 0.01 to 1000 with at most 6 decimals (for example 3 or 1.5)
            """)
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void refusesTheEntryAlone_namingItAndTheBound(String badEntry, String problem) {
        ParsedEvents parsed = read(badEntry);

        assertEquals(
                List.of("event \"bad\" (entry 1), " + problem),
                parsed.problems().stream().map(EventProblem::message).toList());
        assertEquals(
                List.of("final"),
                parsed.calendar().events().stream().map(SpecialEvent::name).toList());
        assertEquals(
                List.of("final"),
                parsed.calendar().activeAt(Instant.parse("2026-05-30T20:00:00Z")).occurrences().stream()
                        .map(EventOccurrence::name)
                        .toList());
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void refusesAMillionDigitMultiplier_quotingOnlyItsStart() {
        // The parser's part: SnakeYAML's own reading of such a file is the reader's to bound.
        ParsedEvents parsed = new EventsParser(PARIS)
                .parse(List.of(Map.of(
                        "name", "bad",
                        "multiplier", "9".repeat(1_000_000),
                        "start", "2026-05-30T21:00",
                        "end", "2026-05-30T23:00")));

        String message = parsed.problems().get(0).message();
        assertEquals(
                "event \"bad\" (entry 1), multiplier: \"" + "9".repeat(64) + "\" (the first 64 of 1000000 characters)"
                        + " is too long (1000000 characters): " + Multipliers.FORM + " (for example 3 or 1.5)",
                message);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            0 25 * * 6     | hour 25 is not within 0-23
            60 20 * * 6    | minute 60 is not within 0-59
            0 20 0 * *     | day-of-month 0 is not within 1-31
            0 20 * 13 *    | month 13 is not within 1-12 or JAN-DEC
            0 20 * * 8     | day-of-week 8 is not within 0-7 or SUN-SAT
            0 20 * * Sam   | day-of-week sam is not within 0-7 or SUN-SAT
            0 20 * * 5-2   | day-of-week range 5-2 starts after it ends
            */0 * * * *    | minute step /0 is not a whole number >= 1
            0 20 * *       | it has 4 fields, not 5
            0 20 * * 6 2026 | it has 6 fields, not 5
            0 20 ? * 6     | day-of-month "?" is not *, a value, a range or a list (1-31, for example 1-5 or */15)
            """)
    void saysWhatIsWrongWithASchedule_namingTheField(String schedule, String why) {
        ParsedEvents parsed = read("multiplier: 2, schedule: '" + schedule + "', duration: 1h");

        assertEquals(
                List.of("event \"bad\" (entry 1), schedule: \"" + schedule + "\" is not a 5-field cron schedule"
                        + " (minute hour day-of-month month day-of-week, for example \"0 20 * * 6\" for Saturdays at"
                        + " 20:00): " + why),
                parsed.problems().stream().map(EventProblem::message).toList());
    }

    @Test
    void acceptsTheBoundsThemselves() {
        ParsedEvents parsed = EventsYaml.read(
                """
                - {name: longest, multiplier: 1000, schedule: '0 20 * * 6', duration: 366d, lead: 1d}
                - {name: smallest, multiplier: 0.01, start: 2000-01-01T00:00, end: 2000-12-31T00:00}
                - {name: latest, multiplier: 2.000000, start: 2200-12-30T00:00, end: 2200-12-31T23:59}
                """,
                PARIS);

        assertEquals(List.of(), parsed.problems());
        assertEquals(
                List.of("longest", "smallest", "latest"),
                parsed.calendar().events().stream().map(SpecialEvent::name).toList());
    }
}
