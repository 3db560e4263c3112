package io.prescaler.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prescaler.schedule.TimeSpan;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spans of an HPA's history its forecast does not learn from: the events that select it. */
class TrainingExclusionsTest {

    @Test
    void leavesOutTheEventsSelectingTheHpaFromTheirLeadMergingOverlaps() throws Exception {
        String yaml =
                """
                - name: final
                  multiplier: 3
                  start: 2026-05-30T21:00
                  end: 2026-05-30T23:30
                  lead: 45m
                - name: extra-time
                  multiplier: 2
                  start: 2026-05-30T23:00
                  end: 2026-05-31T00:15
                - name: saturday
                  multiplier: 2
                  schedule: "0 20 * * 6"
                  duration: 1h
                  selector:
                    matchLabels:
                      tier: frontend
                - name: elsewhere
                  multiplier: 2
                  start: 2026-05-28T20:00
                  end: 2026-05-28T21:00
                  namespaces: [other]
                """;
        var calendar =
                io.prescaler.input.EventsYaml.read(yaml, ZoneId.of("UTC")).calendar();

        List<TimeSpan> backend = TrainingExclusions.of(
                calendar,
                "shop",
                Map.of("tier", "backend"),
                Instant.parse("2026-05-25T00:00:00Z"),
                Instant.parse("2026-06-01T00:00:00Z"));
        List<TimeSpan> frontend = TrainingExclusions.of(
                calendar,
                "shop",
                Map.of("tier", "frontend"),
                Instant.parse("2026-05-25T00:00:00Z"),
                Instant.parse("2026-06-01T00:00:00Z"));

        assertEquals(
                List.of(new TimeSpan(Instant.parse("2026-05-30T20:15:00Z"), Instant.parse("2026-05-31T00:15:00Z"))),
                backend);
        assertEquals(
                List.of(new TimeSpan(Instant.parse("2026-05-30T20:00:00Z"), Instant.parse("2026-05-31T00:15:00Z"))),
                frontend);
    }
}
