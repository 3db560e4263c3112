package io.prescaler.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prescaler.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeToMinimumTest {

    private static final Instant START = Instant.parse("2026-11-23T19:30:00Z");

    /**
     * Each step is {@code SECONDS:MINIMUM/CURRENT}: what the exporter sees that many seconds after the start; the
     * times observed are in seconds.
     */
    @ParameterizedTest(name = "{0}: {1} -> [{2}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "nothing asked                      | 0:0/3 60:0/3                                   | ",
                "already at the minimum             | 0:10/10 60:10/12                               | ",
                "rise then reach                    | 0:10/4 30:10/7 90:10/10                        | 90",
                "reached above the minimum          | 0:10/4 45:10/13                                | 45",
                "rise again before reaching         | 0:10/4 30:20/10 120:20/20                      | 120",
                "falls back partly, then reached    | 0:10/4 30:6/4 90:6/6                           | 90",
                "falls back before reaching         | 0:10/4 60:0/6                                  | ",
                "falls back to the current replicas | 0:10/4 60:4/4 120:10/10                        | ",
                "reached, then a second rise        | 0:10/4 60:10/10 300:0/10 600:20/10 660:20/20   | 60 60",
                "a restarted exporter counts anew   | 120:10/4 180:10/10                             | 60",
            })
    void timesTheWaitForTheMinimum(String scenario, String steps, String expected) {
        MutableClock clock = new MutableClock(START);
        TimeToMinimum wait = new TimeToMinimum();
        List<Long> observed = new ArrayList<>();

        for (String step : steps.trim().split("\\s+")) {
            String[] at = step.split("[:/]");
            clock.advance(Duration.between(clock.instant(), START.plusSeconds(Long.parseLong(at[0]))));
            wait.see(Integer.parseInt(at[1]), Integer.parseInt(at[2]), clock.instant())
                    .ifPresent(took -> observed.add(took.toSeconds()));
        }

        List<Long> want = expected == null
                ? List.of()
                : Arrays.stream(expected.trim().split("\\s+"))
                        .map(Long::parseLong)
                        .toList();
        assertEquals(want, observed, scenario);
    }
}
