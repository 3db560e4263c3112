package io.prescaler.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.demand.DemandCurve;
import io.prescaler.hpa.ToleranceTest;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.HpaSchedule;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.schedule.PrescalingSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The invariants any replay must keep, on synthetic curves. */
class ReplayInvariantsTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-05-30T00:00:00Z");
    private static final Instant RISE = Instant.parse("2026-05-30T21:00:00Z");
    private static final ReplayAssumptions ASSUMPTIONS =
            new ReplayAssumptions(Duration.ofSeconds(60), Duration.ofSeconds(30), ToleranceTest.FROM_1_33);

    @ParameterizedTest(name = "flat demand {0} under minReplicas 4")
    @CsvSource({"0", "1.5", "3.9", "4"})
    void flatDemandAtOrBelowMinReplicasIsNeverShort(double flat) {
        DemandCurve demand = DemandCurve.of(new long[] {MIDNIGHT.getEpochSecond()}, new double[] {flat});

        ReplayReport report = ReplayReport.of(
                hpa(4, "20:00", "23:00", 30),
                List.of(Policy.REACTIVE, Policy.SCHEDULE),
                demand,
                ASSUMPTIONS,
                MIDNIGHT,
                MIDNIGHT.plus(Duration.ofDays(1)));

        for (ReplayReport.Result result : report.results()) {
            assertEquals(
                    0,
                    result.figures().underProvisionedReplicaMinutes(),
                    result.policy().label());
            assertEquals(0, result.figures().onsets(), result.policy().label());
        }
    }

    @Test
    void scheduleOpenedAStartUpAheadHasNoShortfallOnAStepRiseWhileTheHpaAloneIsLate() {
        // Demand x7.5 at 21:00. The window opens ahead by pod start-up + pipeline delay + three syncs (135 s):
        // rounded up to 20:57.
        DemandCurve demand = step(4, 30);

        ReplayReport report = ReplayReport.of(
                hpa(2, "20:57", "23:00", 30),
                List.of(Policy.REACTIVE, Policy.SCHEDULE),
                demand,
                ASSUMPTIONS,
                MIDNIGHT,
                MIDNIGHT.plus(Duration.ofDays(1)));

        ReplayFigures reactive = report.results().get(0).figures();
        ReplayFigures schedule = report.results().get(1).figures();
        assertTrue(reactive.underProvisionedReplicaMinutes() > 0, () -> "reactive: " + reactive);
        assertTrue(reactive.lateAtOnsetMaxSeconds() >= 90, () -> "reactive: " + reactive);
        assertEquals(0, schedule.underProvisionedReplicaMinutes(), () -> "schedule: " + schedule);
        assertEquals(0, schedule.peakShortfall());
        assertTrue(report.results().get(1).extraPodHoursVsReactive() > 0, "holding capacity ahead costs pod-hours");
    }

    /**
     * The same step rise at 21:00 with a window written as starting at 21:00 and a lead: a lead of at least pod
     * start-up + pipeline delay + three syncs (60 + 30 + 45 s) leaves no shortfall; a shorter one does.
     */
    @ParameterizedTest(name = "lead {0}: short {1}")
    @CsvSource({"5m, false", "2m15s, false", "1m, true", "0s, true"})
    void aLeadOfStartUpPlusDelayPlusThreeSyncsHasTheScheduleReadyAtTheRise(String lead, boolean shortfall) {
        ReplayReport report = ReplayReport.of(
                hpa(2, 50, "21:00", "23:00", 30, Map.of(AnnotationKeys.DEFAULT.lead(), lead)),
                List.of(Policy.SCHEDULE),
                step(4, 30),
                ASSUMPTIONS,
                MIDNIGHT,
                MIDNIGHT.plus(Duration.ofDays(1)));

        ReplayFigures schedule = report.results().get(0).figures();
        assertEquals(shortfall, schedule.underProvisionedReplicaMinutes() > 0, () -> "schedule: " + schedule);
    }

    @Test
    void scheduleOpeningAtTheRiseItselfIsStillLate() {
        ReplayReport report = ReplayReport.of(
                hpa(2, "21:00", "23:00", 30),
                List.of(Policy.SCHEDULE),
                step(4, 30),
                ASSUMPTIONS,
                MIDNIGHT,
                MIDNIGHT.plus(Duration.ofDays(1)));

        assertTrue(report.results().get(0).figures().underProvisionedReplicaMinutes() > 0);
    }

    @ParameterizedTest(name = "pod start-up {0} s")
    @CsvSource({"0", "60", "300"})
    void podHoursNeverBelowDemandHoursWithoutShortfall(long startup) {
        ReplayAssumptions assumptions =
                new ReplayAssumptions(Duration.ofSeconds(startup), Duration.ofSeconds(30), ToleranceTest.FROM_1_33);
        ReplayReport report = ReplayReport.of(
                hpa(2, "20:00", "23:30", 40),
                List.of(Policy.REACTIVE, Policy.SCHEDULE),
                step(4, 30),
                assumptions,
                MIDNIGHT,
                MIDNIGHT.plus(Duration.ofDays(1)));

        ReplayFigures schedule = report.results().get(1).figures();
        assertEquals(0, schedule.underProvisionedReplicaMinutes());
        assertTrue(schedule.podHours() >= schedule.demandHours(), () -> "schedule: " + schedule);
        assertEquals(0, report.results().get(0).extraPodHoursVsReactive(), "reactive is its own baseline");
    }

    @Test
    void figuresIntegrateTheShortfallSecondBySecond() {
        // Demand 10 for the whole hour on a Deployment pinned at 4 (maxReplicas 4): 6 replicas short for 60 minutes.
        DemandCurve demand = DemandCurve.of(new long[] {MIDNIGHT.getEpochSecond()}, new double[] {10});

        ReplayFigures figures = ReplayReport.of(
                        hpa(4, 4, "20:00", "23:00", 4),
                        List.of(Policy.REACTIVE),
                        demand,
                        ASSUMPTIONS,
                        MIDNIGHT,
                        MIDNIGHT.plus(Duration.ofHours(1)))
                .results()
                .get(0)
                .figures();

        assertEquals(360, figures.underProvisionedReplicaMinutes(), 1e-9);
        assertEquals(6, figures.peakShortfall(), 1e-9);
        assertEquals(60, figures.minutesShort(), 1e-9);
        assertEquals(1, figures.onsets());
        assertEquals(3600, figures.lateAtOnsetMaxSeconds(), 1e-9, "still short at the end: counted until the end");
        assertEquals(4, figures.podHours(), 1e-9);
        assertEquals(10, figures.demandHours(), 1e-9);
    }

    private static DemandCurve step(double before, double after) {
        return DemandCurve.of(
                new long[] {MIDNIGHT.getEpochSecond(), RISE.getEpochSecond()}, new double[] {before, after});
    }

    private static ReplayedHpa hpa(int minReplicas, String start, String end, int windowMinimum) {
        return hpa(minReplicas, 50, start, end, windowMinimum);
    }

    private static ReplayedHpa hpa(int minReplicas, int maxReplicas, String start, String end, int windowMinimum) {
        return hpa(minReplicas, maxReplicas, start, end, windowMinimum, Map.of());
    }

    private static ReplayedHpa hpa(
            int minReplicas,
            int maxReplicas,
            String start,
            String end,
            int windowMinimum,
            Map<String, String> moreAnnotations) {
        AnnotationKeys keys = AnnotationKeys.DEFAULT;
        Map<String, String> annotations = new HashMap<>(moreAnnotations);
        annotations.put(keys.minReplicas(), String.valueOf(windowMinimum));
        annotations.put(keys.start(), start);
        annotations.put(keys.end(), end);
        AnnotationReading reading = new AnnotationParser(keys, ZoneOffset.UTC).read(annotations);
        PrescalingSpec spec = ((AnnotationReading.Valid) reading).spec();
        HpaSchedule schedule = new HpaSchedule(spec, maxReplicas, "shop", Map.of(), List.of());
        Function<Instant, EffectiveMinimum> floor = schedule::at;
        return new ReplayedHpa("shop/web", minReplicas, maxReplicas, Optional.empty(), MetricEncoding.DIRECT, floor);
    }
}
