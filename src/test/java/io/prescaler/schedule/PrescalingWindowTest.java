package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
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

    /** Saturday 00:05-02:00 with a lead of 10m: it opens on Friday at 23:55. */
    private static final PrescalingWindow SATURDAY_NIGHT = new PrescalingWindow(
            LocalTime.of(0, 5), LocalTime.of(2, 0), Days.of(DayOfWeek.SATURDAY), PARIS, Duration.ofMinutes(10));

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

    /**
     * The lead opens the window earlier on the wall clock and moves nothing else: the end, the day the occurrence
     * belongs to, the midnight crossing. The opened time follows the DST rule of every time (spring gap: its end;
     * autumn overlap: its first occurrence). 2026-11-27 is a Friday, 2026-11-28 a Saturday.
     */
    @ParameterizedTest(name = "{0}-{1} lead {2} on {3}: open at {4} = {5} ({6})")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # start | end   | lead | days    | instant (UTC)          | open  | why
            19:30   | 23:30 | 10m  | Mon-Sun | 2026-11-23T18:19:59Z   | false | a second before the opened time, 19:19:59 CET
            19:30   | 23:30 | 10m  | Mon-Sun | 2026-11-23T18:20:00Z   | true  | opens at 19:20, 10m before the start
            19:30   | 23:30 | 10m  | Mon-Sun | 2026-11-23T22:29:59Z   | true  | the end does not move
            19:30   | 23:30 | 10m  | Mon-Sun | 2026-11-23T22:30:00Z   | false | the end is still exclusive
            19:30   | 23:30 | 90s  | Mon-Sun | 2026-11-23T18:28:30Z   | true  | 90s before 19:30 is 19:28:30
            19:30   | 23:30 | 0s   | Mon-Sun | 2026-11-23T18:29:59Z   | false | a lead of 0s is no lead
            19:30   | 23:30 | 0s   | Mon-Sun | 2026-11-23T18:30:00Z   | true  | and opens at the start
            19:30   | 23:30 | 10m  | Fri     | 2026-11-28T18:20:00Z   | false | Saturday runs no window, lead or not
            00:05   | 02:00 | 10m  | Sat     | 2026-11-27T22:54:59Z   | false | Friday 23:54:59, a second before the lead
            00:05   | 02:00 | 10m  | Sat     | 2026-11-27T22:55:00Z   | true  | Saturday's window opens on Friday at 23:55, though Friday is not listed
            00:05   | 02:00 | 10m  | Sat     | 2026-11-27T23:04:59Z   | true  | Saturday 00:04:59, still in the lead
            00:05   | 02:00 | 10m  | Sat     | 2026-11-28T00:59:59Z   | true  | Saturday 01:59:59
            00:05   | 02:00 | 10m  | Sat     | 2026-11-28T22:55:00Z   | false | Saturday 23:55: Sunday is not listed, so no lead opens
            00:05   | 02:00 | 10m  | Sat     | 2026-11-26T22:55:00Z   | false | Thursday 23:55 leads to Friday, not listed
            00:10   | 02:00 | 10m  | Sat     | 2026-11-27T23:00:00Z   | true  | a lead ending at midnight opens at Saturday 00:00
            22:00   | 02:00 | 1h   | Fri     | 2026-11-27T19:59:59Z   | false | a window crossing midnight, Friday 20:59:59
            22:00   | 02:00 | 1h   | Fri     | 2026-11-27T20:00:00Z   | true  | opens Friday at 21:00
            22:00   | 02:00 | 1h   | Fri     | 2026-11-28T00:59:59Z   | true  | and still ends Saturday at 02:00
            22:00   | 02:00 | 1h   | Fri     | 2026-11-28T01:00:00Z   | false | the end is exclusive
            01:00   | 23:00 | 1h59m | Mon-Sun | 2026-11-23T21:59:59Z  | true  | a 22h window with a lead just under 2h: 22:59:59
            01:00   | 23:00 | 1h59m | Mon-Sun | 2026-11-23T22:00:00Z  | false | 23:00 closes it
            01:00   | 23:00 | 1h59m | Mon-Sun | 2026-11-23T22:01:00Z  | true  | 23:01 opens the next day's window
            # Spring forward in Paris, Sunday 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC). The lead is real
            # time before the start instant: 03:10 CEST is 01:10 UTC, so a 30m lead opens at 00:40 UTC (01:40 CET).
            03:10   | 05:00 | 30m  | Mon-Sun | 2026-03-29T00:39:59Z   | false | a second before 01:40 CET
            03:10   | 05:00 | 30m  | Mon-Sun | 2026-03-29T00:40:00Z   | true  | 30 real minutes before 03:10 CEST
            03:10   | 05:00 | 1h30m | Mon-Sun | 2026-03-28T23:40:00Z  | true  | 1h30m real: 00:40 CET
            03:10   | 05:00 | 1h30m | Mon-Sun | 2026-03-28T23:39:59Z  | false | a second before 00:40 CET
            00:30   | 05:00 | 1h   | Sun     | 2026-03-28T22:30:00Z   | true  | a lead into Saturday 23:30 CET, the night before the gap
            02:30   | 05:00 | 10m  | Sun     | 2026-03-29T00:50:00Z   | true  | a start in the gap means 03:00 CEST (01:00 UTC): it opens at 01:50 CET
            02:30   | 05:00 | 10m  | Sun     | 2026-03-29T00:49:59Z   | false | a second before
            # Fall back in Paris, Sunday 2026-10-25: 03:00 CEST goes back to 02:00 CET (01:00 UTC); 02:00-03:00 happens twice.
            # 03:10 CET is 02:10 UTC: a 30m lead opens at 01:40 UTC, the second 02:40 of the night.
            03:10   | 05:00 | 30m  | Mon-Sun | 2026-10-25T01:39:59Z   | false | a second before the second 02:40
            03:10   | 05:00 | 30m  | Mon-Sun | 2026-10-25T01:40:00Z   | true  | 30 real minutes before 03:10 CET
            03:10   | 05:00 | 30m  | Mon-Sun | 2026-10-25T03:59:59Z   | true  | 04:59:59 CET
            03:10   | 05:00 | 30m  | Mon-Sun | 2026-10-25T04:00:00Z   | false | 05:00 CET closes it
            """)
    void opensLeadBeforeItsStart(
            String start, String end, String lead, String days, String instant, boolean open, String why) {
        PrescalingWindow window = new PrescalingWindow(
                LocalTime.parse(start),
                LocalTime.parse(end),
                Days.parse(days).orElseThrow(),
                PARIS,
                Durations.parse(lead).orElseThrow());
        assertEquals(open, window.isOpenAt(Instant.parse(instant)), why);
    }

    @ParameterizedTest(name = "{0}-{1} lead {2}")
    @CsvSource({"19:30, 23:30, -1s", "19:30, 23:30, 1d", "19:30, 23:30, 20h", "22:00, 02:00, 20h", "00:00, 23:59, 1m"})
    void deniesALeadThatIsNegativeOrMakesTheWindowCoverTheWholeDay(String start, String end, String lead) {
        Duration duration = lead.startsWith("-")
                ? Durations.parse(lead.substring(1)).orElseThrow().negated()
                : Durations.parse(lead).orElseThrow();
        assertThrows(
                IllegalArgumentException.class,
                () -> new PrescalingWindow(
                        LocalTime.parse(start), LocalTime.parse(end), Days.EVERY_DAY, PARIS, duration));
    }

    @Test
    void occurrenceAtReturnsTheSpanOpenedTheDayBefore_whenTheLeadCrossesMidnight() {
        assertEquals(
                Optional.of(new TimeSpan(Instant.parse("2026-11-27T22:55:00Z"), Instant.parse("2026-11-28T01:00:00Z"))),
                SATURDAY_NIGHT.occurrenceAt(Instant.parse("2026-11-27T23:00:00Z")));
        assertEquals(LocalTime.of(23, 55), SATURDAY_NIGHT.opens());
        assertTrue(SATURDAY_NIGHT.opensTheDayBefore());
    }

    @Test
    void occurrencesBetweenListsTheOccurrenceOfTomorrowThatOpensBeforeTheRangeEnds() {
        assertEquals(
                List.of(new TimeSpan(Instant.parse("2026-11-27T22:55:00Z"), Instant.parse("2026-11-28T01:00:00Z"))),
                SATURDAY_NIGHT.occurrencesBetween(
                        Instant.parse("2026-11-26T23:00:00Z"), Instant.parse("2026-11-27T23:00:00Z")));
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
