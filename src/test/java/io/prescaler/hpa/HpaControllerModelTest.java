package io.prescaler.hpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.prescaler.schedule.MetricEncoding;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Single syncs worked out by hand from the Kubernetes algorithm (HPA-MODEL.md §1-§4). */
class HpaControllerModelTest {

    private static HpaMetric.External value10() {
        return new HpaMetric.External("m", MetricEncoding.TargetType.VALUE, 10, (t, o) -> 0);
    }

    private static HpaMetric.External averageValue1() {
        return new HpaMetric.External("m", MetricEncoding.TargetType.AVERAGE_VALUE, 1, (t, o) -> 0);
    }

    private static HpaSettings settings(ToleranceTest test, HpaMetric... metrics) {
        return HpaSettings.of(1, 1000, test, List.of(metrics));
    }

    private static Step once(HpaSettings settings, int spec, int status, int ready, double... values) {
        List<Double> seen = java.util.Arrays.stream(values).boxed().toList();
        return new HpaControllerModel(settings).sync(0, spec, status, ready, seen);
    }

    // ratio 11000/10000 = 1.1: |1 - 1.1| = 0.10000000000000009 > 0.1 scales on <= 1.32; 1.1 <= 1.0 + 0.1 holds on
    // >= 1.33. 9/10: |1 - 0.9| = 0.09999999999999998 is inside under both.
    @ParameterizedTest(name = "{0}: Value {1}/10 on 25 pods proposes {2}")
    @CsvSource({
        "UP_TO_1_32, 11, 28",
        "FROM_1_33, 11, 25",
        "UP_TO_1_32, 9, 25",
        "FROM_1_33, 9, 25",
        "UP_TO_1_32, 11.001, 28",
        "FROM_1_33, 11.001, 28",
        "UP_TO_1_32, 8.999, 23",
        "FROM_1_33, 8.999, 23"
    })
    void valueTargetTreatsTheRatioOnePointOneAsEachKubernetesVersionDoes(
            ToleranceTest test, double value, int proposal) {
        assertEquals(
                proposal, once(settings(test, value10()), 25, 25, 25, value).proposal());
    }

    @ParameterizedTest(name = "{0}: AverageValue 1, value {1} on status {2} proposes {3}")
    @CsvSource({
        "UP_TO_1_32, 11, 10, 11", // 11/10 = 1.1 leaves the band on <= 1.32 only
        "FROM_1_33, 11, 10, 10",
        "FROM_1_33, 27, 25, 25", // 1.08: stays
        "FROM_1_33, 28, 25, 28", // 1.12: ceil(28 / 1)
        "FROM_1_33, 55, 50, 50",
        "FROM_1_33, 56, 50, 56",
        "UP_TO_1_32, 40, 60, 40", // 0.667: straight to the value, whatever the current count
        "FROM_1_33, 40, 43, 43" // 0.93: inside, proposes status.replicas
    })
    void averageValueTargetProposesTheValueOutsideTheBand(ToleranceTest test, double value, int status, int proposal) {
        assertEquals(
                proposal,
                once(settings(test, averageValue1()), status, status, status, value)
                        .proposal());
    }

    @Test
    void averageValueTestsToleranceOnStatusReplicasNotSpec() {
        // spec 10, status 12 (surge): 13 / 12 = 1.083 is inside, so the proposal is status.replicas, 12.
        assertEquals(
                12,
                once(settings(ToleranceTest.FROM_1_33, averageValue1()), 10, 12, 12, 13)
                        .proposal());
    }

    @Test
    void valueTargetScalesReadyPodsOnly() {
        // ratio 2 on 10 pods of which 5 are Ready: ceil(2 x 5) = 10, no scale-up.
        assertEquals(
                10,
                once(settings(ToleranceTest.FROM_1_33, value10()), 10, 10, 5, 20)
                        .proposal());
    }

    @Test
    void proposalIsTheMaximumOverMetrics() {
        HpaSettings settings = settings(ToleranceTest.FROM_1_33, averageValue1(), HpaMetric.Traffic.constant(30));
        assertEquals(40, once(settings, 20, 20, 20, 40, 30).proposal());
        assertEquals(30, once(settings, 20, 20, 20, 5, 30).proposal());
    }

    @ParameterizedTest(name = "legacy path from {0} towards {1}: {2}")
    @CsvSource({"1, 100, 4", "3, 100, 6", "10, 100, 20", "10, 15, 15", "600, 2000, 1000"})
    void legacyPathLimitsScaleUpToTwiceOrFourAndClampsToMax(int current, int value, int desired) {
        assertEquals(
                desired,
                once(settings(ToleranceTest.FROM_1_33, averageValue1()), current, current, current, value)
                        .desiredReplicas());
    }

    @ParameterizedTest(name = "default behavior from {0} towards {1}: {2}")
    @CsvSource({"1, 100, 5", "3, 100, 7", "10, 100, 20", "10, 15, 15"})
    void defaultBehaviorLimitsScaleUpToTheLargerOfFourPodsAndDouble(int current, int value, int desired) {
        HpaSettings settings =
                settings(ToleranceTest.FROM_1_33, averageValue1()).withBehavior(Behavior.defaults());
        assertEquals(desired, once(settings, current, current, current, value).desiredReplicas());
    }

    @Test
    void minSelectPolicyTakesTheSmallerLimit() {
        Behavior behavior = Behavior.defaults()
                .withScaleUp(new ScalingRules(
                        java.util.OptionalInt.of(0),
                        ScalingRules.SelectPolicy.MIN,
                        ScalingRules.defaultScaleUp().policies(),
                        java.util.OptionalDouble.empty()));
        HpaSettings settings =
                settings(ToleranceTest.FROM_1_33, averageValue1()).withBehavior(behavior);
        assertEquals(14, once(settings, 10, 10, 10, 100).desiredReplicas());
    }

    @Test
    void disabledScaleUpNeverScalesUp() {
        Behavior behavior = Behavior.defaults()
                .withScaleUp(new ScalingRules(
                        java.util.OptionalInt.of(0),
                        ScalingRules.SelectPolicy.DISABLED,
                        List.of(),
                        java.util.OptionalDouble.empty()));
        HpaSettings settings =
                settings(ToleranceTest.FROM_1_33, averageValue1()).withBehavior(behavior);
        assertEquals(10, once(settings, 10, 10, 10, 100).desiredReplicas());
    }

    @Test
    void podsPolicyOverALongPeriodCountsEarlierScaleUps() {
        // 2 pods per 60 s: 10 -> 12 at 0; at 15 the period started at 10, so still 12; at 60 the budget is renewed.
        Behavior behavior = Behavior.defaults()
                .withScaleUp(new ScalingRules(
                        java.util.OptionalInt.of(0),
                        ScalingRules.SelectPolicy.MAX,
                        List.of(ScalingPolicy.pods(2, 60)),
                        java.util.OptionalDouble.empty()));
        HpaSettings settings =
                settings(ToleranceTest.FROM_1_33, averageValue1()).withBehavior(behavior);
        HpaControllerModel controller = new HpaControllerModel(settings);
        assertEquals(12, controller.sync(0, 10, 10, 10, List.of(100.0)).desiredReplicas());
        assertEquals(12, controller.sync(15, 12, 12, 12, List.of(100.0)).desiredReplicas());
        assertEquals(12, controller.sync(45, 12, 12, 12, List.of(100.0)).desiredReplicas());
        assertEquals(14, controller.sync(60, 12, 12, 12, List.of(100.0)).desiredReplicas());
    }

    @Test
    void scaleUpStabilizationTakesTheLowestRecentProposal() {
        Behavior behavior =
                Behavior.defaults().withScaleUp(ScalingRules.defaultScaleUp().withStabilizationWindowSeconds(30));
        HpaSettings settings =
                settings(ToleranceTest.FROM_1_33, averageValue1()).withBehavior(behavior);
        HpaControllerModel controller = new HpaControllerModel(settings);
        assertEquals(10, controller.sync(0, 10, 10, 10, List.of(15.0)).desiredReplicas()); // seeded with 10
        assertEquals(15, controller.sync(45, 10, 10, 10, List.of(15.0)).desiredReplicas());
    }

    @Test
    void currentBelowMinJumpsToMinWithoutRateLimit() {
        HpaSettings settings = new HpaSettings(
                50,
                1000,
                Optional.of(Behavior.defaults()),
                ToleranceTest.FROM_1_33,
                0.1,
                HpaSettings.DEFAULT_SYNC_PERIOD,
                HpaSettings.DEFAULT_DOWNSCALE_STABILIZATION,
                java.time.Duration.ZERO,
                java.time.Duration.ZERO,
                List.of(averageValue1()));
        Step step = once(settings, 2, 2, 2, 0);
        assertEquals(50, step.desiredReplicas());
        assertEquals(-1, step.proposal());
    }

    @Test
    void currentAboveMaxDropsToMax() {
        HpaSettings settings = HpaSettings.of(1, 10, ToleranceTest.FROM_1_33, List.of(averageValue1()));
        assertEquals(10, once(settings, 30, 30, 30, 30).desiredReplicas());
    }

    @Test
    void targetScaledToZeroStaysAtZero() {
        assertEquals(
                0,
                once(settings(ToleranceTest.FROM_1_33, averageValue1()), 0, 0, 0, 40)
                        .desiredReplicas());
    }

    @Test
    void legacyStabilizationKeepsSamplesExactlyFiveMinutesOld() {
        // Legacy: samples with timestamp >= now - 300 count; with behavior, only those strictly after.
        HpaControllerModel legacy = new HpaControllerModel(settings(ToleranceTest.FROM_1_33, averageValue1()));
        legacy.sync(0, 40, 40, 40, List.of(40.0));
        assertEquals(40, legacy.sync(300, 40, 40, 40, List.of(20.0)).desiredReplicas());
        assertEquals(20, legacy.sync(315, 40, 40, 40, List.of(20.0)).desiredReplicas());

        HpaControllerModel withBehavior = new HpaControllerModel(
                settings(ToleranceTest.FROM_1_33, averageValue1()).withBehavior(Behavior.defaults()));
        withBehavior.sync(0, 40, 40, 40, List.of(40.0));
        assertEquals(20, withBehavior.sync(300, 40, 40, 40, List.of(20.0)).desiredReplicas());
    }

    @Test
    void perHpaToleranceIsIgnoredBeforeKubernetes133() {
        Behavior tight =
                Behavior.defaults().withScaleUp(ScalingRules.defaultScaleUp().withTolerance(0));
        assertEquals(
                25,
                once(settings(ToleranceTest.UP_TO_1_32, averageValue1()).withBehavior(tight), 25, 25, 25, 27)
                        .proposal());
        assertEquals(
                27,
                once(settings(ToleranceTest.FROM_1_33, averageValue1()).withBehavior(tight), 25, 25, 25, 27)
                        .proposal());
    }

    @Test
    void rejectsSettingsWithoutMetrics() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> HpaSettings.of(1, 10, ToleranceTest.FROM_1_33, List.of()));
        assertEquals("an HPA needs at least one metric", e.getMessage());
    }
}
