package io.prescaler.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.demand.DemandCurve;
import io.prescaler.hpa.ToleranceTest;
import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.schedule.MinimumSource;
import io.prescaler.spike.SpikeMode;
import io.prescaler.spike.SpikeSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The spike guard in {@code replay}: its invariants, and the goals of docs/spike.md measured on the example curves
 * (pod start-up 60 s, pipeline 30 s; the HPA of {@code examples/demand/hpa-spike.yaml}: min 2, max 120, no
 * behavior). The figures are deterministic outputs of the model, not timings.
 */
class SpikeReplayTest {

    private static final ReplayAssumptions ASSUMPTIONS =
            new ReplayAssumptions(Duration.ofSeconds(60), Duration.ofSeconds(30), ToleranceTest.FROM_1_33);
    private static final Policy SPIKE = Policy.parse("spike");
    private static final Instant MIDNIGHT = Instant.parse("2026-06-02T00:00:00Z");

    /** 15:12 in Paris, when the surprise curves start to rise. */
    private static final Instant SURPRISE = Instant.parse("2026-06-02T13:12:00Z");

    private static ReplayedHpa hpa(Function<Instant, EffectiveMinimum> schedule) {
        return new ReplayedHpa("shop/api", 2, 120, Optional.empty(), MetricEncoding.DIRECT, schedule);
    }

    private static ReplayReport replay(ReplayedHpa hpa, DemandCurve demand, Policy... policies) {
        return ReplayReport.of(hpa, List.of(policies), demand, ASSUMPTIONS, demand.first(), demand.last());
    }

    @ParameterizedTest(name = "flat demand {0}, policy {1}")
    @CsvSource({"0, spike", "3, spike", "40, spike", "40, schedule+spike", "119.5, spike"})
    void flatDemandNeverFires(double flat, String policy) {
        DemandCurve demand = DemandCurve.of(new long[] {MIDNIGHT.getEpochSecond()}, new double[] {flat});

        ReplayReport report = ReplayReport.of(
                hpa(at -> EffectiveMinimum.NONE),
                List.of(Policy.REACTIVE, Policy.parse(policy)),
                demand,
                ASSUMPTIONS,
                MIDNIGHT,
                MIDNIGHT.plus(Duration.ofDays(1)));

        ReplayReport.Result spike = report.results().get(1);
        assertEquals(0, spike.run().spike().triggers());
        assertEquals(0, spike.extraPodHoursVsReactive(), 1e-9);
        assertEquals(
                report.results().get(0).figures().underProvisionedReplicaMinutes(),
                spike.figures().underProvisionedReplicaMinutes(),
                1e-9);
    }

    @Test
    void aPolicyWithoutTheSpikePartNeverRunsTheGuard() {
        DemandCurve demand = DemandCsv.parse(DemandExamples.surprise(5), "surprise-x5.csv");

        ReplayReport report = replay(hpa(at -> EffectiveMinimum.NONE), demand, Policy.REACTIVE, Policy.SCHEDULE);

        report.results()
                .forEach(result -> assertEquals(SpikeFloors.NONE, result.run().spike()));
    }

    @Test
    void theSpikeFloorRaisesTheMinimumNamingItsSourceAndTheScheduleStillCountsUnderScheduleAndSpike() {
        DemandCurve demand = DemandCsv.parse(DemandExamples.surprise(5), "surprise-x5.csv");
        SpikeFloors floors = SpikeFloors.replay(
                SpikeSettings.defaults(SpikeMode.ON),
                demand,
                ASSUMPTIONS.pipelineDelay(),
                demand.first(),
                demand.last(),
                120);
        Instant during = floors.triggerTimes().get(0).plusSeconds(30);
        ReplayedHpa hpa = hpa(at -> new EffectiveMinimum(7, 7, true, Optional.empty(), false))
                .withSpikeFloors(floors);

        EffectiveMinimum both = hpa.minimumAt(Policy.parse("schedule+spike"), during);
        EffectiveMinimum before = hpa.minimumAt(Policy.parse("schedule+spike"), SURPRISE);

        assertEquals(Optional.of(MinimumSource.SPIKE), both.source());
        assertEquals(floors.at(during), both.replicas());
        assertTrue(both.replicas() > 7);
        assertEquals(Optional.of(MinimumSource.WINDOW), before.source());
        assertEquals(7, before.replicas());
        assertEquals(EffectiveMinimum.NONE, hpa.minimumAt(Policy.REACTIVE, during));
    }

    /**
     * Goal: the first trigger within two status updates of the rise. The HPA writes a status every 15 s carrying
     * the demand of 30 s before: the first update that can show the rise (15:12:15) is at 15:12:45.
     */
    @ParameterizedTest(name = "x{0}: first trigger {1}")
    @CsvSource({"5, 2026-06-02T13:13:00Z", "10, 2026-06-02T13:12:45Z"})
    void theGuardFiresWithinTwoStatusUpdatesOfAnUnannouncedRise(int factor, Instant first) {
        DemandCurve demand = DemandCsv.parse(DemandExamples.surprise(factor), "surprise-x" + factor + ".csv");

        ReplayReport.Result spike = replay(hpa(at -> EffectiveMinimum.NONE), demand, SPIKE)
                .results()
                .get(0);

        Instant firstVisible = SURPRISE.plusSeconds(15).plus(ASSUMPTIONS.pipelineDelay());
        assertEquals(List.of(first), spike.run().spike().triggerTimes(), "one trigger, and when");
        assertTrue(!first.isAfter(firstVisible.plusSeconds(15)), "within two updates of " + firstVisible);
    }

    /**
     * Goal (missed, see docs/spike.md): under-provisioned replica-minutes at most 50 % of reactive's. Measured: 66 %
     * on x5, 85 % on x10. The bound below is what no detector can beat in this model: a floor at the peak published
     * at the first status update that shows the rise still leaves more than half, because that update is a pipeline
     * late, the HPA reads the floor a pipeline later, and pods take a minute to start.
     */
    @ParameterizedTest(name = "x{0}: spike at most {1} of reactive, the best possible above {2}")
    @CsvSource({"5, 0.67, 0.5", "10, 0.86, 0.5"})
    void theGuardCutsTheShortfallOfAnUnannouncedRiseAsFarAsThePipelineAllows(
            int factor, double mostShare, double bestPossibleAbove) {
        DemandCurve demand = DemandCsv.parse(DemandExamples.surprise(factor), "surprise-x" + factor + ".csv");
        int peak = (int) Math.ceil(demand.peak());
        Instant firstVisible = SURPRISE.plusSeconds(45);
        ReplayedHpa oracle = hpa(at -> at.isBefore(firstVisible)
                ? EffectiveMinimum.NONE
                : new EffectiveMinimum(peak, peak, true, Optional.empty(), false));

        ReplayReport report = replay(oracle, demand, Policy.REACTIVE, SPIKE, Policy.SCHEDULE);

        double reactive = report.results().get(0).figures().underProvisionedReplicaMinutes();
        double spike = report.results().get(1).figures().underProvisionedReplicaMinutes();
        double best = report.results().get(2).figures().underProvisionedReplicaMinutes();
        assertTrue(spike <= mostShare * reactive, () -> "spike " + spike + " vs reactive " + reactive);
        assertTrue(best > bestPossibleAbove * reactive, () -> "best " + best + " vs reactive " + reactive);
    }

    /** Goals: on 14 ordinary days, at most one trigger a day and extra pod-hours vs reactive under 5 %. */
    @Test
    void onOrdinaryDaysTheGuardFiresAtMostOnceADayAndCostsUnderFivePercent() {
        DemandCurve demand = DemandCsv.parse(DemandExamples.ordinaryDays(14), "ordinary-fortnight.csv");

        ReplayReport report = replay(hpa(at -> EffectiveMinimum.NONE), demand, Policy.REACTIVE, SPIKE);

        ReplayReport.Result spike = report.results().get(1);
        Map<LocalDate, Integer> perDay = new TreeMap<>();
        spike.run()
                .spike()
                .triggerTimes()
                .forEach(at -> perDay.merge(LocalDate.ofInstant(at, ZoneOffset.UTC), 1, Integer::sum));
        assertTrue(perDay.values().stream().allMatch(n -> n <= 1), () -> "triggers per day: " + perDay);
        double reactivePodHours = report.results().get(0).figures().podHours();
        assertTrue(
                spike.extraPodHoursVsReactive() < 0.05 * reactivePodHours,
                () -> "extra " + spike.extraPodHoursVsReactive() + " of " + reactivePodHours);
    }

    @Test
    void thePrimeTimeEveningsRiseFiresTheGuardOnceAtItsFirstVisibleUpdate() {
        DemandCurve demand = DemandCsv.parse(DemandExamples.primeTimeEvening(), "prime-time-evening.csv");

        ReplayReport.Result spike = replay(hpa(at -> EffectiveMinimum.NONE), demand, SPIKE)
                .results()
                .get(0);

        // x5 from 20:58 in one-minute rows: 20:59 is the first row of the rise, seen 30 s later.
        assertEquals(
                List.of(Instant.parse("2026-05-30T18:59:30Z")),
                spike.run().spike().triggerTimes());
    }
}
