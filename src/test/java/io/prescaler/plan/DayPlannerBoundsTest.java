package io.prescaler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.input.EventsYaml;
import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.EventProblem;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.schedule.ParsedEvents;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A plan stays bounded in time whatever the events file says, and one HPA that cannot be planned fails alone. */
class DayPlannerBoundsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final AnnotationKeys KEYS = AnnotationKeys.DEFAULT;
    private static final LocalDate SATURDAY = LocalDate.of(2026, 5, 30);

    private static DayPlanner.Planned planned(String name, int min, int max) {
        HpaFacts facts = new HpaFacts(
                "shop",
                name,
                name,
                Map.of(KEYS.minReplicas(), "10", KEYS.start(), "19:30", KEYS.end(), "23:30"),
                Map.of(),
                max,
                0,
                List.of(MetricEncoding.DIRECT.metricName()));
        AnnotationReading.Valid reading =
                (AnnotationReading.Valid) new AnnotationParser(KEYS, PARIS).read(facts.annotations());
        return new DayPlanner.Planned(facts, reading.spec(), min, Optional.empty());
    }

    private static DayPlan plan(String events, List<DayPlanner.Planned> hpas) {
        ParsedEvents parsed = EventsYaml.read(events, PARIS);
        return new DayPlanner(parsed.calendar(), PlanAssumptions.defaults())
                .plan(SATURDAY, PARIS, Duration.ofMinutes(5), hpas);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void refusesLeadsOfYears_andPlansWithTheOtherEventsQuickly() {
        String events =
                """
                - {name: weekly, multiplier: 2, schedule: "0 20 * * 6", duration: 3h, lead: 9999999d}
                - {name: every-minute, multiplier: 2, schedule: "* * * * *", duration: 1m, lead: 3650d}
                - {name: final, multiplier: 3, start: 2026-05-30T21:00, end: 2026-05-30T23:00}
                """;

        ParsedEvents parsed = EventsYaml.read(events, PARIS);
        DayPlan plan = plan(events, List.of(planned("web", 2, 100)));

        assertEquals(
                List.of("event \"weekly\" (entry 1), lead", "event \"every-minute\" (entry 2), lead"),
                parsed.problems().stream()
                        .map(p -> p.where() + ", " + p.field())
                        .toList());
        assertEquals(
                List.of("final"), plan.occurrences().stream().map(o -> o.name()).toList());
        assertEquals(1, plan.hpas().size());
    }

    @ParameterizedTest(name = "{0} lasting {1}")
    @CsvSource({"'* * * * *', 1m", "'* * * * *', 1s", "'*/5 * * * *', 1m"})
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void plansAFrequentEventWithTheLongestLeadQuickly(String schedule, String duration) {
        String events = "- {name: frequent, multiplier: 2, schedule: \"" + schedule + "\", duration: " + duration
                + ", lead: 1d}";

        DayPlan plan = plan(events, List.of(planned("web", 2, 100), planned("api", 2, 100)));

        assertEquals(
                List.of(),
                EventsYaml.read(events, PARIS).problems().stream()
                        .map(EventProblem::message)
                        .toList());
        assertEquals(2, plan.hpas().size());
        assertTrue(plan.hpas().get(0).steps().stream().allMatch(s -> s.event().isPresent()), "always active");
    }

    @Test
    void plansTheOtherHpas_whenOneCannotBeModelled() {
        DayPlan plan = plan("[]", List.of(planned("web", 2, 100), planned("broken", 5, 1), planned("api", 2, 100)));

        assertEquals(
                List.of("shop/web", "shop/api"),
                plan.hpas().stream().map(h -> h.hpa().key()).toList());
        assertEquals(1, plan.failures().size());
        assertTrue(
                plan.failures().get(0).startsWith("shop/broken: could not be planned ("),
                plan.failures().get(0));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            PT1S       | 2026-05-30 | --step must be from 15s to 1d, got 1s
            PT0.5S     | 2026-05-30 | --step must be from 15s to 1d, got 500ms
            P2D        | 2026-05-30 | --step must be from 15s to 1d, got 2d
            PT5M       | 1999-12-31 | --date must be in the years 2000 to 2200, got 1999-12-31
            PT5M       | +999999999-12-31 | --date must be in the years 2000 to 2200, got +999999999-12-31
            """)
    void refusesAStepOrADateOutsideItsBounds(String step, String date, String message) {
        DayPlanner planner = new DayPlanner(EventsYaml.read("[]", PARIS).calendar(), PlanAssumptions.defaults());

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> planner.plan(
                        LocalDate.parse(date), PARIS, Duration.parse(step), List.of(planned("web", 2, 100))));
        assertEquals(message, e.getMessage());
    }
}
