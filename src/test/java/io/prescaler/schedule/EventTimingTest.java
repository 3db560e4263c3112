package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTimingTest {

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static EventTiming.Recurring recurring(String schedule, String duration) {
        return new EventTiming.Recurring(
                schedule, CRON.parse(schedule), Durations.parse(duration).orElseThrow());
    }

    @ParameterizedTest(name = "{0} for {1}, {2} -> {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # schedule   | duration | zone         | spans over the UTC day of 2026-05-30 (from/to, space separated)
            0 20 * * 6   | 3h       | Europe/Paris | 2026-05-30T18:00:00Z/2026-05-30T21:00:00Z
            # one that began the day before is still running at midnight
            0 23 * * *   | 3h       | UTC          | 2026-05-29T23:00:00Z/2026-05-30T02:00:00Z 2026-05-30T23:00:00Z/2026-05-31T02:00:00Z
            # occurrences that do not meet stay apart; touching ones merge
            0 8,12 * * * | 2h       | UTC          | 2026-05-30T08:00:00Z/2026-05-30T10:00:00Z 2026-05-30T12:00:00Z/2026-05-30T14:00:00Z
            0 8,9 * * *  | 1h       | UTC          | 2026-05-30T08:00:00Z/2026-05-30T10:00:00Z
            # longer than the period: one merged span, followed until the first UTC midnight a day past the range
            0 * * * *    | 90m      | UTC          | 2026-05-30T00:00:00Z/2026-06-02T00:30:00Z
            * * * * *    | 30d      | UTC          | 2026-05-30T00:00:00Z/2026-07-01T23:59:00Z
            # every 6 hours for 7 hours: the run that began on the 29th is reported from its last firing
            0 */6 * * *  | 7h       | UTC          | 2026-05-30T00:00:00Z/2026-06-02T01:00:00Z
            # Monday-Friday 08:00 for 2 days: a Thursday-to-Sunday run
            0 8 * * 4,5  | 2d       | UTC          | 2026-05-29T08:00:00Z/2026-05-31T08:00:00Z
            """)
    void listsTheMergedSpansOverlappingADay(String schedule, String duration, ZoneId zone, String expected) {
        String spans = recurring(schedule, duration)
                .spansBetween(Instant.parse("2026-05-30T00:00:00Z"), Instant.parse("2026-05-31T00:00:00Z"), zone)
                .stream()
                .map(s -> s.start() + "/" + s.end())
                .collect(Collectors.joining(" "));
        assertEquals(expected, spans);
    }

    @ParameterizedTest(name = "{0} for {1} at {2} -> {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            textBlock =
                    """
            # schedule   | duration | instant              | span of the latest firing at or before it (UTC)
            0 20 * * 6   | 3h       | 2026-05-30T20:00:00Z | 2026-05-30T20:00:00Z/2026-05-30T23:00:00Z
            0 20 * * 6   | 3h       | 2026-05-30T19:59:59Z | 2026-05-23T20:00:00Z/2026-05-23T23:00:00Z
            # every 5 minutes for an hour: one end for the whole run, not a new one at every firing
            */5 * * * *  | 1h       | 2026-05-30T10:02:00Z | 2026-05-30T10:00:00Z/2026-06-01T00:55:00Z
            */5 * * * *  | 1h       | 2026-05-30T10:07:00Z | 2026-05-30T10:05:00Z/2026-06-01T00:55:00Z
            */5 * * * *  | 1h       | 2026-05-30T23:59:00Z | 2026-05-30T23:55:00Z/2026-06-01T00:55:00Z
            # ... which moves once a day, at the UTC midnight, and always stays more than a day ahead
            */5 * * * *  | 1h       | 2026-05-31T00:00:00Z | 2026-05-31T00:00:00Z/2026-06-02T00:55:00Z
            * * * * *    | 30d      | 2026-05-30T12:34:56Z | 2026-05-30T12:34:00Z/2026-06-30T23:59:00Z
            # hourly for 90 minutes between 08:00 and 10:00: the run ends with its last firing
            0 8-10 * * * | 90m      | 2026-05-30T09:15:00Z | 2026-05-30T09:00:00Z/2026-05-30T11:30:00Z
            """)
    void mergesTheOccurrencesThatOverlapTheLatestOne(
            String schedule, String duration, Instant instant, String expected) {
        Optional<TimeSpan> span = recurring(schedule, duration).latestStartingBy(instant, UTC);
        assertEquals(Optional.ofNullable(expected), span.map(s -> s.start() + "/" + s.end()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2026-05-29T23:59:59Z, 2026-05-31T00:00:00Z",
        "2026-05-30T00:00:00Z, 2026-06-01T00:00:00Z",
        "2026-05-30T23:59:00Z, 2026-06-01T00:00:00Z",
    })
    void theMergeHorizonIsTheFirstUtcMidnightADayAhead(Instant instant, Instant expectedHorizon) {
        assertEquals(expectedHorizon, EventTiming.Recurring.horizonAfter(instant));
    }

    @Test
    void anEventOnTheDstAutumnNightIsOneSpanFromTheFirstOccurrence() {
        // 02:30 Paris occurs twice on 2026-10-25: 00:30Z (CEST) and 01:30Z (CET); the first one counts.
        assertEquals(
                "2026-10-25T00:30:00Z/2026-10-25T01:30:00Z",
                recurring("30 2 * * *", "1h")
                        .spansBetween(
                                Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z"), PARIS)
                        .stream()
                        .map(s -> s.start() + "/" + s.end())
                        .collect(Collectors.joining(" ")));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void anEveryMinuteEventLastingAMonthIsOneOccurrenceFoundQuickly() {
        SpecialEvent always = new SpecialEvent(
                "always",
                BigDecimal.valueOf(2),
                recurring("* * * * *", "30d"),
                Duration.ZERO,
                Set.of(),
                LabelSelector.EVERYTHING,
                PARIS);
        EventCalendar calendar = new EventCalendar(java.util.List.of(always));

        var day = calendar.occurrencesBetween(
                Instant.parse("2026-05-29T22:00:00Z"), Instant.parse("2026-05-30T22:00:00Z"));
        var now = calendar.activeAt(Instant.parse("2026-05-30T18:00:30Z")).occurrences();

        assertEquals(1, day.size());
        assertEquals(Instant.parse("2026-05-29T22:00:00Z"), day.get(0).start());
        assertEquals(Instant.parse("2026-06-30T23:59:00Z"), day.get(0).end());
        assertEquals(1, now.size());
        assertEquals(Instant.parse("2026-06-30T23:59:00Z"), now.get(0).end());
    }
}
