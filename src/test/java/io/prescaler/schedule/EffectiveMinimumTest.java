package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EffectiveMinimumTest {

    /** 19:30-23:30 in Paris; on 2026-11-23 that is 18:30Z-22:30Z. */
    private static final PrescalingWindow EVENING =
            new PrescalingWindow(LocalTime.of(19, 30), LocalTime.of(23, 30), Days.EVERY_DAY, ZoneId.of("Europe/Paris"));

    @ParameterizedTest(name = "min {0} x {1} until {2}, max {3}, at {4}: {5} ({7})")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            textBlock =
                    """
            # min | multiplier | event end            | max | now                  | replicas | capped | why
            25    | -          | -                    | 200 | 2026-11-23T19:00:00Z | 25       | false  | in the window: the minimum
            25    | -          | -                    | 200 | 2026-11-23T12:00:00Z | 0        | false  | outside the window: nothing asked
            25    | 3          | 2026-11-23T23:00:00Z | 200 | 2026-11-23T19:00:00Z | 75       | false  | an event multiplies the minimum
            25    | 3          | 2026-11-23T23:00:00Z | 200 | 2026-11-23T12:00:00Z | 75       | false  | an afternoon event applies outside the window too
            25    | 3          | 2026-11-23T19:00:00Z | 200 | 2026-11-23T19:00:00Z | 25       | false  | the event's end is exclusive: ignored from then on
            25    | 3          | 2026-11-23T18:00:00Z | 200 | 2026-11-23T12:00:00Z | 75       | false  | before its end
            25    | 3          | 2026-11-23T11:00:00Z | 200 | 2026-11-23T12:00:00Z | 0        | false  | an expired multiplier left behind is ignored
            25    | 3          | -                    | 200 | 2026-11-23T12:00:00Z | 75       | false  | a multiplier without end applies until removed
            25    | 1.5        | -                    | 200 | 2026-11-23T19:00:00Z | 38       | false  | 37.5 rounds up
            10    | 1.1        | -                    | 200 | 2026-11-23T19:00:00Z | 11       | false  | exact decimal arithmetic: 10 x 1.1 is 11, not 12
            3     | 0.5        | -                    | 200 | 2026-11-23T19:00:00Z | 2        | false  | a multiplier below 1 lowers the minimum, rounded up
            25    | 3          | -                    | 60  | 2026-11-23T19:00:00Z | 60       | true   | capped at maxReplicas
            300   | -          | -                    | 200 | 2026-11-23T19:00:00Z | 200      | true   | a minimum above maxReplicas is capped
            300   | -          | -                    | 200 | 2026-11-23T12:00:00Z | 0        | false  | and asks for nothing outside the window
            25    | -          | -                    | 0   | 2026-11-23T19:00:00Z | 25       | false  | an HPA without maxReplicas has no cap
            """)
    void holdsTheMinimumTheWindowAndTheEventAskFor(
            int min,
            String multiplier,
            String eventEnd,
            int max,
            String now,
            int replicas,
            boolean capped,
            String why) {
        Optional<EventMultiplier> event = Optional.ofNullable(multiplier)
                .map(m -> new EventMultiplier(
                        new BigDecimal(m),
                        "final",
                        Optional.ofNullable(eventEnd).map(Instant::parse)));
        EffectiveMinimum minimum =
                EffectiveMinimum.of(new PrescalingSpec(min, EVENING, event), max, Instant.parse(now));
        assertEquals(replicas, minimum.replicas(), why);
        assertEquals(capped, minimum.capped(), why);
        assertEquals(min, minimum.configured(), why);
    }

    /**
     * During the lead the window counts as open (prescaling_window_active is 1) and the minimum is held: the lead
     * is there so that the replicas are running at the start. 19:30-23:30 in Paris with a lead of 10m.
     */
    @ParameterizedTest(name = "at {0}: open {1}, {2} replicas")
    @CsvSource({
        "2026-11-23T18:19:59Z, false, 0",
        "2026-11-23T18:20:00Z, true, 25",
        "2026-11-23T18:29:59Z, true, 25",
        "2026-11-23T22:29:59Z, true, 25",
        "2026-11-23T22:30:00Z, false, 0"
    })
    void holdsTheMinimumDuringTheLead(String now, boolean open, int replicas) {
        PrescalingWindow led = new PrescalingWindow(
                EVENING.start(), EVENING.end(), EVENING.days(), EVENING.zone(), Duration.ofMinutes(10));
        EffectiveMinimum minimum =
                EffectiveMinimum.of(new PrescalingSpec(25, led, Optional.empty()), 200, Instant.parse(now));
        assertEquals(open, minimum.windowOpen());
        assertEquals(replicas, minimum.replicas());
    }

    /**
     * A floor computed from demand raises the schedule's minimum only when strictly higher, and is capped at
     * maxReplicas; the schedule's own facts (configured, window, event) stay as they were.
     */
    @ParameterizedTest(name = "{7}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            textBlock =
                    """
            # schedule | its source | floor source | floor | max | replicas | source   | why
            0          | -          | FORECAST     | 12    | 50  | 12       | forecast | no window: the forecast alone sets it
            25         | window     | FORECAST     | 30    | 50  | 30       | forecast | a higher forecast raises the window
            25         | window     | FORECAST     | 25    | 50  | 25       | window   | on a tie the written floor is named
            25         | window     | SPIKE        | 20    | 50  | 25       | window   | a lower floor changes nothing
            25         | window     | SPIKE        | 80    | 50  | 50       | spike    | capped at maxReplicas
            0          | -          | SPIKE        | 0     | 50  | 0        | -        | a floor of 0 asks for nothing
            0          | -          | SPIKE        | -3    | 50  | 0        | -        | nor does a negative one
            75         | event      | FORECAST     | 60    | 200 | 75       | event    | an event above it keeps the minimum
            0          | -          | FORECAST     | 9     | 0   | 9        | forecast | an HPA without maxReplicas has no cap
            """)
    void aComputedFloorRaisesTheMinimumWhenHigher(
            int schedule,
            String scheduleSource,
            MinimumSource floorSource,
            int floor,
            int max,
            int replicas,
            String source,
            String why) {
        Optional<EventMultiplier> event = "event".equals(scheduleSource)
                ? Optional.of(new EventMultiplier(BigDecimal.valueOf(3), "final", Optional.empty()))
                : Optional.empty();
        EffectiveMinimum before = new EffectiveMinimum(schedule, 25, schedule > 0, event, false);

        EffectiveMinimum after = before.raisedBy(floorSource, floor, max);

        assertEquals(replicas, after.replicas(), why);
        assertEquals(Optional.ofNullable(source), after.source().map(MinimumSource::label), why);
        assertEquals(floor > max && max >= 1, after.capped(), why);
        assertEquals(before.configured(), after.configured(), why);
        assertEquals(before.event(), after.event(), why);
    }
}
