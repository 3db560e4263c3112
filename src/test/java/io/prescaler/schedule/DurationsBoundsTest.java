package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsBoundsTest {

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({
        "99999999999999999999d",
        "106751991167301d",
        "999999999999d",
        "PT2562047788015215H",
        "PT9999999999999999999999S",
        "3661d",
        "3660d1s",
        "1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d",
    })
    void refusesWithoutOverflow_aDurationLongerThanAnyThisToolUses(String text) {
        assertEquals(Optional.empty(), Durations.parse(text));
    }

    @Test
    void namesTheBoundOfALongDuration() {
        assertEquals(Parsed.refused("is longer than 7d"), Durations.read("999999999999d", Duration.ofDays(7)));
        assertEquals(Parsed.refused("is longer than 3660d"), Durations.read("PT2562047788015215H"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"3660d, PT87840H", "90s, PT1M30S", "1h30m, PT1H30M", "1500ms, PT1.5S", "PT5M, PT5M"})
    void readsWhatOperatorsWrite(String text, String iso) {
        assertEquals(Optional.of(Duration.parse(iso)), Durations.parse(text));
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({"PT1.5S, 1500ms", "PT0.5S, 500ms", "PT1M30S, 1m30s", "P7D, 7d", "PT61.5S, 1m1s500ms", "PT0S, 0s"})
    void writesADurationAsOperatorsDo(String iso, String text) {
        assertEquals(text, Durations.format(Duration.parse(iso)));
    }
}
