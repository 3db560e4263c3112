package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrescalingWindowTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static PrescalingWindow window(String start, String end, String days, String zone) {
        return new PrescalingWindow(
                LocalTime.parse(start), LocalTime.parse(end), Days.parse(days).orElseThrow(), ZoneId.of(zone));
    }

    @ParameterizedTest(name = "{0}-{1} on {2} in {3}: open at {4} = {5} ({6})")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # start | end   | days    | zone             | instant (UTC)          | open  | why
            19:30   | 23:30 | Mon-Sun | Europe/Paris     | 2026-11-23T18:29:59Z   | false | one second before the start (19:29:59 CET)
            19:30   | 23:30 | Mon-Sun | Europe/Paris     | 2026-11-23T18:30:00Z   | true  | the start is inclusive
            19:30   | 23:30 | Mon-Sun | Europe/Paris     | 2026-11-23T22:29:59Z   | true  | one second before the end
            19:30   | 23:30 | Mon-Sun | Europe/Paris     | 2026-11-23T22:30:00Z   | false | the end is exclusive
            19:30   | 23:30 | Mon-Sun | Europe/Paris     | 2026-07-14T17:30:00Z   | true  | summer time: 19:30 CEST is 17:30 UTC
            19:30   | 23:30 | Mon-Sun | Europe/Paris     | 2026-07-14T18:30:00Z   | true  | summer time, an hour in
            19:30   | 23:30 | Mon-Sun | America/New_York | 2026-11-24T00:30:00Z   | true  | 19:30 in New York
            19:30   | 23:30 | Mon-Sun | America/New_York | 2026-11-23T18:30:00Z   | false | 13:30 in New York
            22:00   | 02:00 | Fri     | Europe/Paris     | 2026-11-27T21:00:00Z   | true  | Friday 22:00, the window's own day
            22:00   | 02:00 | Fri     | Europe/Paris     | 2026-11-28T00:59:59Z   | true  | Saturday 01:59:59 still belongs to Friday's window
            22:00   | 02:00 | Fri     | Europe/Paris     | 2026-11-28T01:00:00Z   | false | Saturday 02:00, the end is exclusive
            22:00   | 02:00 | Fri     | Europe/Paris     | 2026-11-28T21:30:00Z   | false | Saturday 22:30: Saturday starts no window
            22:00   | 02:00 | Fri     | Europe/Paris     | 2026-11-27T00:30:00Z   | false | Friday 01:30 belongs to Thursday, not listed
            22:00   | 02:00 | Thu     | Europe/Paris     | 2026-11-27T00:30:00Z   | true  | Friday 01:30 belongs to Thursday's window
            00:00   | 06:00 | Mon-Fri | Europe/Paris     | 2026-11-28T02:00:00Z   | false | Saturday 03:00, not a weekday
            00:00   | 06:00 | Mon-Fri | Europe/Paris     | 2026-11-27T02:00:00Z   | true  | Friday 03:00
            23:00   | 23:00:01 | Mon-Sun | UTC           | 2026-11-23T23:00:00Z   | true  | a one-second window
            23:00:01 | 23:00 | Mon-Sun | UTC             | 2026-11-23T23:00:00.500Z | false | the 23 h 59 min 59 s window misses its last second
            # Spring forward in Paris, Sunday 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
            01:30   | 02:30 | Mon-Sun | Europe/Paris     | 2026-03-29T00:30:00Z   | true  | 01:30 CET exists
            01:30   | 02:30 | Mon-Sun | Europe/Paris     | 2026-03-29T00:59:59Z   | true  | the last second before the gap
            01:30   | 02:30 | Mon-Sun | Europe/Paris     | 2026-03-29T01:00:00Z   | false | an end inside the gap means the end of the gap
            02:30   | 04:00 | Mon-Sun | Europe/Paris     | 2026-03-29T00:59:59Z   | false | a start inside the gap means the end of the gap
            02:30   | 04:00 | Mon-Sun | Europe/Paris     | 2026-03-29T01:00:00Z   | true  | 03:00 CEST, where the gap ends
            02:15   | 02:45 | Mon-Sun | Europe/Paris     | 2026-03-29T01:00:00Z   | false | a window wholly inside the gap does not run that day
            02:15   | 02:45 | Mon-Sun | Europe/Paris     | 2026-03-30T00:20:00Z   | true  | and runs again the next day (02:20 CEST)
            22:00   | 03:30 | Sat     | Europe/Paris     | 2026-03-29T01:15:00Z   | true  | Saturday's window crosses midnight and the gap: 03:15 CEST
            22:00   | 03:30 | Sat     | Europe/Paris     | 2026-03-29T01:30:00Z   | false | and ends at 03:30 CEST
            # Fall back in Paris, Sunday 2026-10-25: 03:00 CEST goes back to 02:00 CET (01:00 UTC); 02:00-03:00 happens twice.
            02:30   | 03:30 | Mon-Sun | Europe/Paris     | 2026-10-25T00:29:59Z   | false | a start in the overlap means its first occurrence (02:30 CEST)
            02:30   | 03:30 | Mon-Sun | Europe/Paris     | 2026-10-25T00:30:00Z   | true  | 02:30 CEST
            02:30   | 03:30 | Mon-Sun | Europe/Paris     | 2026-10-25T01:30:00Z   | true  | 02:30 CET, the second time round
            02:30   | 03:30 | Mon-Sun | Europe/Paris     | 2026-10-25T02:29:59Z   | true  | 03:29:59 CET
            02:30   | 03:30 | Mon-Sun | Europe/Paris     | 2026-10-25T02:30:00Z   | false | 03:30 CET
            01:00   | 02:30 | Mon-Sun | Europe/Paris     | 2026-10-25T00:29:59Z   | true  | an end in the overlap means its first occurrence too
            01:00   | 02:30 | Mon-Sun | Europe/Paris     | 2026-10-25T00:30:00Z   | false | so 02:30 CEST closes it
            01:00   | 02:30 | Mon-Sun | Europe/Paris     | 2026-10-25T01:30:00Z   | false | and 02:30 CET does not reopen it
            """)
    void opensAndClosesOnTime(
            String start, String end, String days, String zone, String instant, boolean open, String why) {
        assertEquals(open, window(start, end, days, zone).isOpenAt(Instant.parse(instant)), why);
    }

    @Test
    void deniesWindowWhoseEndEqualsStart() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new PrescalingWindow(LocalTime.of(19, 30), LocalTime.of(19, 30), Days.EVERY_DAY, PARIS));
    }

    @Test
    void occurrenceAtReturnsTheSpanOfTheWindowThatStartedTheDayBefore() {
        PrescalingWindow window = window("22:00", "02:00", "Mon-Sun", "Europe/Paris");
        Optional<TimeSpan> span = window.occurrenceAt(Instant.parse("2026-11-24T00:30:00Z"));
        assertEquals(
                Optional.of(new TimeSpan(Instant.parse("2026-11-23T21:00:00Z"), Instant.parse("2026-11-24T01:00:00Z"))),
                span);
    }

    @Test
    void occurrenceOnTheSpringForwardDayIsAnHourShorter() {
        PrescalingWindow window = window("00:00", "06:00", "Mon-Sun", "Europe/Paris");
        TimeSpan span =
                window.occurrenceStartingOn(LocalDate.parse("2026-03-29")).orElseThrow();
        assertEquals(5, java.time.Duration.between(span.start(), span.end()).toHours());
    }

    @Test
    void occurrenceOnTheFallBackDayIsAnHourLonger() {
        PrescalingWindow window = window("00:00", "06:00", "Mon-Sun", "Europe/Paris");
        TimeSpan span =
                window.occurrenceStartingOn(LocalDate.parse("2026-10-25")).orElseThrow();
        assertEquals(7, java.time.Duration.between(span.start(), span.end()).toHours());
    }

    @Test
    void occurrencesBetweenListsEveryWindowOverlappingTheRange() {
        PrescalingWindow window = window("22:00", "02:00", "Fri,Sat", "Europe/Paris");
        List<TimeSpan> spans =
                window.occurrencesBetween(Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-11-29T00:30:00Z"));
        assertEquals(
                List.of(
                        new TimeSpan(Instant.parse("2026-11-27T21:00:00Z"), Instant.parse("2026-11-28T01:00:00Z")),
                        new TimeSpan(Instant.parse("2026-11-28T21:00:00Z"), Instant.parse("2026-11-29T01:00:00Z"))),
                spans);
    }
}
