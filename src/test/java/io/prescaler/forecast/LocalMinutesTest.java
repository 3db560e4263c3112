package io.prescaler.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fast wall-clock arithmetic says what {@link ZonedDateTime#minusDays} says, minute by minute, around DST. */
class LocalMinutesTest {

    @ParameterizedTest(name = "{0} around {1}, {2} days back")
    @CsvSource({
        "Europe/Paris, 2026-03-29T00:00, 1",
        "Europe/Paris, 2026-03-30T00:00, 1",
        "Europe/Paris, 2026-04-04T00:00, 7",
        "Europe/Paris, 2026-10-25T00:00, 1",
        "Europe/Paris, 2026-10-26T00:00, 1",
        "Europe/Paris, 2026-10-31T00:00, 14",
        "America/New_York, 2026-03-08T00:00, 1",
        "America/New_York, 2026-11-02T00:00, 7",
        "Australia/Lord_Howe, 2026-04-05T00:00, 1",
        "Australia/Lord_Howe, 2026-10-04T00:00, 1",
        "UTC, 2026-03-29T00:00, 7",
    })
    void sameLocalTimeEarlierIsWhatZonedDateTimeSays(String zoneName, String dayStart, int days) {
        ZoneId zone = ZoneId.of(zoneName);
        Instant from = LocalDateTime.parse(dayStart).atZone(zone).toInstant();
        long fromMinute = from.getEpochSecond() / 60;
        LocalMinutes clock = LocalMinutes.of(zone, fromMinute - 20 * 24 * 60, fromMinute + 2 * 24 * 60);
        for (long minute = fromMinute; minute < fromMinute + 2 * 24 * 60; minute++) {
            ZonedDateTime at = Instant.ofEpochSecond(minute * 60).atZone(zone);
            long expected = at.minusDays(days).toEpochSecond() / 60;
            assertEquals(expected, clock.earlier(minute, days * 24L * 60), () -> "at " + at);
        }
    }
}
