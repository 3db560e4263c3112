package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalTimesTest {

    /** A fixed offset takes a shortcut; it must land where the JDK's own rules land. */
    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource({
        "1969-12-31T23:59:59Z, Z, 1969-12-31",
        "1970-01-01T00:00:00Z, Z, 1970-01-01",
        "2026-11-23T22:30:00Z, +02:00, 2026-11-24",
        "2026-11-23T01:30:00Z, -05:00, 2026-11-22",
        "2026-11-23T23:59:59Z, +14:00, 2026-11-24",
        "2026-11-23T00:00:00Z, -12:00, 2026-11-22",
    })
    void dateAtAFixedOffsetIsTheJdksDate(String instant, String offset, String date) {
        Instant at = Instant.parse(instant);
        ZoneOffset zone = ZoneOffset.of(offset);

        assertEquals(LocalDate.parse(date), LocalTimes.dateAt(at, zone));
        assertEquals(LocalDate.ofInstant(at, zone), LocalTimes.dateAt(at, zone));
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({
        // a fixed offset: no gap, no overlap
        "2026-03-29T02:30, +01:00, 2026-03-29T01:30:00Z",
        "2026-11-23T19:30, Z, 2026-11-23T19:30:00Z",
        // a region: the gap's end for a time that does not exist, the first of a time that occurs twice
        "2026-03-29T02:30, Europe/Paris, 2026-03-29T01:00:00Z",
        "2026-10-25T02:30, Europe/Paris, 2026-10-25T00:30:00Z",
        "2026-11-23T19:30, Europe/Paris, 2026-11-23T18:30:00Z",
        "2026-11-23T19:30, UTC, 2026-11-23T19:30:00Z",
    })
    void resolvesWallClockTimes(String local, String zone, String instant) {
        assertEquals(Instant.parse(instant), LocalTimes.resolve(LocalDateTime.parse(local), ZoneId.of(zone)));
    }
}
