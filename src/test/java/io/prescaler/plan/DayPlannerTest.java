package io.prescaler.plan;

import static io.prescaler.plan.PlanInputs.EXAMPLES;
import static io.prescaler.plan.PlanInputs.FIXTURES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.schedule.EventAnnotations;
import io.prescaler.schedule.EventOccurrence;
import io.prescaler.schedule.MetricEncoding;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The day planner on the examples and fixtures, asserted on the plan's values: the steps' window, event, minimum,
 * metric values and replicas, the occurrences of the day and the shortfalls. Times are local to Europe/Paris.
 */
class DayPlannerTest {

    private static final List<String> IMAGES = List.of("examples/hpa-service-6play-images.yaml");

    /** A step's values, with the event by name ("-" for none). */
    record State(boolean windowOpen, String event, int minimum, long direct, long legacy, int replicas) {
        static State of(PlanStep step) {
            return new State(
                    step.windowOpen(),
                    step.event().map(EventOccurrence::name).orElse("-"),
                    step.minimum(),
                    step.directValue(),
                    step.legacyValue(),
                    step.replicas());
        }
    }

    /** A value from a local time of the day on, until the next change. */
    record Change(LocalTime at, long value) {
        static Change parse(String text) {
            String[] parts = text.strip().split(" ");
            return new Change(LocalTime.parse(parts[0]), Long.parseLong(parts[1]));
        }
    }

    private static PlanAssumptions assumptions(String kubernetes, String delay, OptionalInt initialReplicas) {
        String[] version = kubernetes.split("\\.");
        return new PlanAssumptions(
                new KubernetesVersion(Integer.parseInt(version[0]), Integer.parseInt(version[1])),
                Duration.parse("PT" + delay.toUpperCase()),
                initialReplicas);
    }

    private static LocalTime local(Instant at, DayPlan plan) {
        return at.atZone(plan.zone()).toLocalTime();
    }

    static Instant instantOf(DayPlan plan, String localTime) {
        return instant(plan, localTime);
    }

    private static Instant instant(DayPlan plan, String localTime) {
        return ZonedDateTime.of(plan.date(), LocalTime.parse(localTime), plan.zone())
                .toInstant();
    }

    static PlanStep stepAt(DayPlan plan, HpaPlan hpa, String localTime) {
        Instant at = instant(plan, localTime);
        return hpa.steps().stream()
                .filter(s -> s.at().equals(at))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step at " + localTime));
    }

    /** The instants a value changes at over the day, with the value it takes. */
    static List<Change> changes(DayPlan plan, HpaPlan hpa, ToLongFunction<PlanStep> value) {
        List<Change> changes = new ArrayList<>();
        for (PlanStep step : hpa.steps()) {
            long v = value.applyAsLong(step);
            if (changes.isEmpty() || changes.get(changes.size() - 1).value() != v) {
                changes.add(new Change(local(step.at(), plan), v));
            }
        }
        return changes;
    }

    private static List<Change> changes(String table) {
        return Arrays.stream(table.split(",")).map(Change::parse).toList();
    }

    @Test
    void plansTheOccurrencesOfTheDayFromTheEventsFile() {
        DayPlan plan = PlanInputs.plan("2026-05-30", "examples/events.yaml", EXAMPLES);

        assertEquals(
                List.of(
                        "saturday-evening x2 active 19:45 starts 20:00 ends 23:00",
                        "champions-league-final x3 active 20:15 starts 21:00 ends 23:30"),
                plan.occurrences().stream()
                        .map(o -> o.name() + " x" + EventAnnotations.plain(o.multiplier()) + " active "
                                + local(o.activeFrom(), plan) + " starts " + local(o.start(), plan) + " ends "
                                + local(o.end(), plan))
                        .toList());
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # HPA                       | local time | window | event                  | min | direct | legacy | replicas
            6play/service-6play-images  | 19:50      | true   | saturday-evening       | 50  | 50     | 10     | 50
            6play/service-6play-images  | 20:20      | true   | champions-league-final | 75  | 75     | 10     | 75
            backoffice/backoffice-api   | 20:20      | false  | champions-league-final | 18  | 18     | 10     | 18
            replay/replay-api           | 00:00      | true   | -                      | 12  | 12     | 10     | 12
            """)
    void appliesTheEventOfTheDayToEveryExampleHpa(
            String hpa,
            String time,
            boolean window,
            String event,
            int minimum,
            long direct,
            long legacy,
            int replicas) {
        DayPlan plan = PlanInputs.plan("2026-05-30", "examples/events.yaml", EXAMPLES);
        HpaPlan planned = PlanInputs.hpa(plan, hpa);

        assertEquals(
                new State(window, event, minimum, direct, legacy, replicas), State.of(stepAt(plan, planned, time)));
        assertEquals(List.of(), planned.shortfalls());
    }

    /**
     * Without behavior the HPA goes up at most max(2 x current, 4) per 15 s sync once the window's 25 is read: 4 ->
     * 25 in two syncs at a 1-minute step; the exporter publishes 11 (legacy) until the HPA status shows 25, then 10;
     * the 5-minute stabilization holds 25 after the window.
     */
    @Test
    void opensTheWindowAtItsStartAndHoldsTheReplicasFiveMinutesAfterItsEnd() {
        DayPlan plan = PlanInputs.plan("2026-05-27", Duration.ofMinutes(1), PlanAssumptions.defaults(), null, IMAGES);
        HpaPlan images = plan.hpas().get(0);

        assertEquals(changes("00:00 0, 19:30 25, 23:30 0"), changes(plan, images, PlanStep::minimum));
        assertEquals(changes("00:00 0, 19:30 25, 23:30 0"), changes(plan, images, PlanStep::directValue));
        assertEquals(changes("00:00 0, 19:30 11, 19:32 10, 23:30 0"), changes(plan, images, PlanStep::legacyValue));
        assertEquals(changes("00:00 4, 19:31 25, 23:36 4"), changes(plan, images, PlanStep::replicas));
        assertEquals(changes("00:00 0, 19:30 1, 23:30 0"), changes(plan, images, s -> s.windowOpen() ? 1 : 0));
        assertEquals(24 * 60, images.steps().size());
    }

    /**
     * A lead of 10m holds the floor from 19:20: the window column, the minimum and both metrics change then, and the
     * model's replicas reach 25 at 19:21 (three syncs and the 30 s delay), ready at 19:30. The end does not move.
     */
    @Test
    void opensTheWindowItsLeadBeforeItsStart_soThatTheReplicasAreThereAtTheStart() {
        DayPlan plan = PlanInputs.plan(
                "2026-05-27",
                Duration.ofMinutes(1),
                PlanAssumptions.defaults(),
                null,
                List.of(FIXTURES + "hpa-lead.yaml"));
        HpaPlan lead = plan.hpas().get(0);

        assertEquals(changes("00:00 0, 19:20 1, 23:30 0"), changes(plan, lead, s -> s.windowOpen() ? 1 : 0));
        assertEquals(changes("00:00 0, 19:20 25, 23:30 0"), changes(plan, lead, PlanStep::minimum));
        assertEquals(changes("00:00 0, 19:20 25, 23:30 0"), changes(plan, lead, PlanStep::directValue));
        assertEquals(changes("00:00 4, 19:21 25, 23:36 4"), changes(plan, lead, PlanStep::replicas));
    }

    /**
     * A Saturday window at 00:05 with a lead of 10m opens on Friday at 23:55 (Friday is not listed) and runs on
     * Saturday until 02:00; Thursday's 23:55 leads to Friday, not listed, so it opens nothing. 2026-05-30 is a
     * Saturday.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # date     | minimum from each local time on
            2026-05-28 | 00:00 0
            2026-05-29 | 00:00 0, 23:55 25
            2026-05-30 | 00:00 25, 02:00 0
            2026-05-31 | 00:00 0
            """)
    void opensASaturdayWindowOnFridayWhenItsLeadCrossesMidnight(String date, String minimum) {
        DayPlan plan = PlanInputs.plan(
                date,
                Duration.ofMinutes(1),
                PlanAssumptions.defaults(),
                null,
                List.of(FIXTURES + "hpa-lead-midnight.yaml"));
        HpaPlan night = plan.hpas().get(0);

        assertEquals(changes(minimum), changes(plan, night, PlanStep::minimum));
        assertEquals(changes(minimum.replace(" 25", " 1")), changes(plan, night, s -> s.windowOpen() ? 1 : 0));
    }

    /**
     * Worked by hand from docs/hpa-model.md: the sync at 19:30 + D is the first to read the window's 25 (published as 25
     * from 4 replicas); without behavior the HPA goes up at most max(2 x current, 4) per 15 s sync: 4 -> 8 -> 16 ->
     * 25. At 23:30 + D it reads 0, and the 5-minute stabilization holds 25 until 23:35 + D.
     */
    @ParameterizedTest(name = "D = {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # D | replicas from each local time on
            0s  | 00:00 4, 19:30 8, 19:30:15 16, 19:30:30 25, 23:35 4
            30s | 00:00 4, 19:30:30 8, 19:30:45 16, 19:31 25, 23:35:30 4
            1m  | 00:00 4, 19:31 8, 19:31:15 16, 19:31:30 25, 23:36 4
            """)
    void theImagesHpaReachesItsMinimumThreeSyncsAfterTheWindowOpensPlusThePipelineDelay(String delay, String replicas) {
        DayPlan plan = PlanInputs.plan(
                "2026-05-27", Duration.ofSeconds(15), assumptions("1.33", delay, OptionalInt.empty()), null, IMAGES);
        HpaPlan images = plan.hpas().get(0);

        assertEquals(changes(replicas), changes(plan, images, PlanStep::replicas));
        assertEquals(changes("00:00 0, 19:30 25, 23:30 0"), changes(plan, images, PlanStep::minimum));
    }

    /** 25 -> 50 and 50 -> 75 are each within the max(2 x current, 4) rate limit: one sync, 30 s after the change. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # local time | window | event                  | min | direct | legacy | replicas
            19:45:15     | true   | saturday-evening       | 50  | 50     | 11     | 25
            19:45:30     | true   | saturday-evening       | 50  | 50     | 11     | 50
            20:15        | true   | champions-league-final | 75  | 75     | 11     | 50
            20:15:30     | true   | champions-league-final | 75  | 75     | 11     | 75
            20:15:45     | true   | champions-league-final | 75  | 75     | 10     | 75
            23:29:45     | true   | champions-league-final | 75  | 75     | 10     | 75
            """)
    void theFinalsMultiplierTakesTheImagesHpaTo75InOneSyncAfterTheDelay(
            String time, boolean window, String event, int minimum, long direct, long legacy, int replicas) {
        DayPlan plan = PlanInputs.plan(
                "2026-05-30", Duration.ofSeconds(15), PlanAssumptions.defaults(), "examples/events.yaml", IMAGES);

        assertEquals(
                new State(window, event, minimum, direct, legacy, replicas),
                State.of(stepAt(plan, plan.hpas().get(0), time)));
    }

    @Test
    void theLegacyEncodingNeverScalesOnKubernetes133() {
        DayPlan plan = PlanInputs.plan("2026-05-27", null, List.of(FIXTURES + "hpa-legacy.yaml"));
        HpaPlan legacy = plan.hpas().get(0);

        assertEquals(Optional.of(MetricEncoding.LEGACY), legacy.encoding());
        assertEquals(changes("00:00 4"), changes(plan, legacy, PlanStep::replicas));
        assertEquals(changes("00:00 0, 19:30 11, 23:30 0"), changes(plan, legacy, PlanStep::legacyValue));
        assertEquals(
                List.of(new Shortfall(instant(plan, "19:30"), instant(plan, "23:30"), 25, 4)), legacy.shortfalls());
    }

    @Test
    void theLegacyEncodingScalesOnKubernetes132AndOvershootsWithTheDelay() {
        DayPlan plan = PlanInputs.plan(
                "2026-05-27",
                Duration.ofMinutes(5),
                assumptions("1.32", "30s", OptionalInt.empty()),
                null,
                List.of(FIXTURES + "hpa-legacy.yaml"));
        HpaPlan legacy = plan.hpas().get(0);

        assertEquals(List.of(), legacy.shortfalls());
        PlanStep held = stepAt(plan, legacy, "23:25");
        assertEquals(10, held.legacyValue());
        assertTrue(
                held.replicas() > 25, "11 is published until the HPA status, one sync and D late, shows 25: " + held);
    }

    /**
     * behavior.scaleUp allows 4 pods per 60 s (selectPolicy Max, one policy): 4 -> 8 at 19:30, then +4 at each minute
     * (a change at t counts against the period until t + 60 s). At 24 the HPA is within 10 % of 25, so the exporter
     * publishes floor(1.1 x 24) + 1 = 27, and the HPA takes it: 27 is within 10 % of 25 on the way down and stays.
     */
    @Test
    void followsTheHpasOwnBehavior() {
        DayPlan plan = PlanInputs.plan(
                "2026-05-27",
                Duration.ofMinutes(1),
                assumptions("1.33", "0s", OptionalInt.empty()),
                null,
                List.of(FIXTURES + "hpa-slow-scale-up.yaml"));
        HpaPlan slow = plan.hpas().get(0);

        assertEquals(
                changes("00:00 4, 19:30 8, 19:31 12, 19:32 16, 19:33 20, 19:34 24, 19:35 27, 23:35 4"),
                changes(plan, slow, PlanStep::replicas));
        assertEquals(changes("00:00 0, 19:30 25, 23:30 0"), changes(plan, slow, PlanStep::minimum));
        assertEquals(
                changes("00:00 0, 19:30 25, 19:35 27, 19:36 25, 23:30 0"), changes(plan, slow, PlanStep::directValue));
        assertEquals(changes("00:00 0, 19:30 11, 19:36 10, 23:30 0"), changes(plan, slow, PlanStep::legacyValue));
    }

    @Test
    void aDeploymentScaledToZeroIsNeverWokenByItsHpa() {
        DayPlan plan = PlanInputs.plan(
                "2026-05-27", Duration.ofMinutes(5), assumptions("1.33", "30s", OptionalInt.of(0)), null, IMAGES);
        HpaPlan images = plan.hpas().get(0);

        assertEquals(changes("00:00 0"), changes(plan, images, PlanStep::replicas));
        assertEquals(
                List.of(new Shortfall(instant(plan, "19:30"), instant(plan, "23:30"), 25, 0)), images.shortfalls());
    }

    @ParameterizedTest(name = "{0}: {1} steps of {2}")
    @CsvSource({"2026-03-29, 92, 15m", "2026-05-27, 96, 15m", "2026-10-25, 100, 15m"})
    void runsFromLocalMidnightToTheNext_23Or25HoursOnDstDays(String date, int steps, String step) {
        DayPlan plan = PlanInputs.plan(
                date, Duration.parse("PT" + step.toUpperCase()), PlanAssumptions.defaults(), null, IMAGES);

        assertEquals(LocalDate.parse(date).atStartOfDay(plan.zone()).toInstant(), plan.from());
        assertEquals(LocalDate.parse(date).plusDays(1).atStartOfDay(plan.zone()).toInstant(), plan.to());
        assertEquals(steps, plan.hpas().get(0).steps().size());
    }

    @ParameterizedTest
    @CsvSource({"PT0S", "-PT1M"})
    void refusesAStepThatIsNotPositive(String step) {
        DayPlanner planner = new DayPlanner(PlanInputs.calendar(null), PlanAssumptions.defaults());

        assertThrows(
                IllegalArgumentException.class,
                () -> planner.plan(
                        LocalDate.parse("2026-05-27"),
                        PlanInputs.PARIS,
                        Duration.parse(step),
                        PlanInputs.planned(IMAGES)));
    }
}
