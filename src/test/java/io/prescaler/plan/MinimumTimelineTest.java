package io.prescaler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.input.EventsYaml;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.EventCalendar;
import io.prescaler.schedule.EventOccurrence;
import io.prescaler.schedule.PrescalingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MinimumTimelineTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** The lookup must give what the exporter computes, all day and over the warm-up before it. */
    @ParameterizedTest(name = "{0} {1}-{2} tier {3}")
    @CsvSource({
        "2026-03-29, 01:30, 03:30, frontend", // the window starts before the spring gap and ends after it
        "2026-03-29, 02:15, 02:45, backend", // a window inside the gap
        "2026-03-29, 22:00, 01:30, frontend", // crossing midnight
        "2026-10-25, 02:15, 02:45, frontend", // a window inside the autumn overlap
        "2026-10-25, 19:30, 23:30, backend",
        "2026-05-30, 19:30, 23:30, frontend"
    })
    void givesTheExactEffectiveMinimumAtEverySecond(LocalDate date, String start, String end, String tier)
            throws Exception {
        AnnotationReading.Valid reading = (AnnotationReading.Valid) new AnnotationParser(AnnotationKeys.DEFAULT, PARIS)
                .read(Map.of(
                        "annotations.scaling.exporter.replica.min", "7",
                        "annotations.scaling.exporter.time.start", start,
                        "annotations.scaling.exporter.time.end", end));
        PrescalingSpec spec = reading.spec();
        EventCalendar calendar = EventsYaml.read(
                        Files.readString(Path.of("src/test/resources/io/prescaler/plan/events-dst.yaml")), PARIS)
                .calendar();
        Instant from = date.atStartOfDay(PARIS).toInstant().minus(DaySimulation.WARM_UP);
        Instant to = date.plusDays(1).atStartOfDay(PARIS).toInstant();
        List<EventOccurrence> occurrences = calendar.occurrencesBetween(from, to);
        Map<String, String> labels = Map.of("tier", tier);
        Function<Instant, EffectiveMinimum> exact = at -> {
            Optional<EventOccurrence> event =
                    EventCalendar.activeAmong(occurrences, at).forHpa("web", labels);
            return EffectiveMinimum.of(
                    new PrescalingSpec(spec.minReplicas(), spec.window(), event.map(EventOccurrence::toMultiplier)),
                    40,
                    at);
        };

        MinimumTimeline timeline = MinimumTimeline.of(from, to, spec.window(), occurrences, exact);

        Set<EffectiveMinimum> seen = new HashSet<>();
        // Every change in the fixtures falls on a whole minute: check each minute, the seconds either side, and
        // between.
        for (Instant minute = from.minusSeconds(60);
                minute.isBefore(to.plusSeconds(60));
                minute = minute.plusSeconds(60)) {
            for (long offset : new long[] {-1, 0, 1, 30}) {
                Instant at = minute.plusSeconds(offset);
                EffectiveMinimum expected = exact.apply(at);
                EffectiveMinimum actual = timeline.at(at);
                if (!expected.equals(actual)) {
                    assertEquals(expected, actual, "at " + at.atZone(PARIS));
                }
                seen.add(actual);
            }
        }
        assertTrue(seen.size() >= 2, "the day should change the minimum at least once: " + seen);
    }
}
