package io.prescaler.spike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The spike guard's decisions on synthetic demand, at fixed times: 10 replicas for ten minutes, then a change at
 * {@link #CHANGE}, samples every 15 s unless said otherwise, the defaults (velocity 30 %/min, acceleration
 * 12 %/min², lookahead 2m, hold 5m, max factor 2) and maxReplicas 500.
 */
class SpikeDetectorTest {

    private static final Instant T0 = Instant.parse("2026-06-02T12:00:00Z");
    private static final double CHANGE = 10; // minutes after T0
    private static final double BASE = 10;
    private static final SpikeSettings DEFAULTS = SpikeSettings.defaults(SpikeMode.ON);

    /** What a run saw: every state, and when each spike started (seconds after the change). */
    private record Run(List<SpikeState> states, List<Long> triggersAfterChange) {

        int maxFloor() {
            return states.stream().mapToInt(SpikeState::floor).max().orElse(0);
        }
    }

    private static Run run(
            DoubleUnaryOperator demandAtMinute, double minutes, long cadenceSeconds, SpikeSettings settings) {
        SpikeDetector detector = new SpikeDetector(settings);
        List<SpikeState> states = new ArrayList<>();
        List<Long> triggers = new ArrayList<>();
        long before = 0;
        for (long second = 0; second <= minutes * 60; second += cadenceSeconds) {
            SpikeState state =
                    detector.observe(T0.plusSeconds(second), demandAtMinute.applyAsDouble(second / 60.0), 500);
            if (state.triggers() > before) {
                triggers.add(second - (long) (CHANGE * 60));
            }
            before = state.triggers();
            states.add(state);
        }
        return new Run(states, triggers);
    }

    /** From 10 replicas to {@code factor} times that over {@code overMinutes}, linearly, then held. */
    private static DoubleUnaryOperator ramp(double factor, double overMinutes) {
        return minute -> {
            double into = minute - CHANGE;
            if (into <= 0) {
                return BASE;
            }
            return BASE * (1 + (factor - 1) * Math.min(1, overMinutes == 0 ? 1 : into / overMinutes));
        };
    }

    @ParameterizedTest(name = "x{0} over {1} min: {2} trigger(s), the first {3} s after the change")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # factor | over minutes | triggers | first trigger (s after the change, -1 for none)
            1        | 0            | 0        | -1
            1.2      | 5            | 0        | -1
            2        | 5            | 0        | -1
            2        | 10           | 0        | -1
            3        | 4            | 1        | 90
            5        | 2            | 1        | 30
            10       | 2            | 1        | 15
            20       | 1            | 1        | 15
            1.2      | 0            | 0        | -1
            2        | 0            | 1        | 15
            5        | 0            | 1        | 15
            0.5      | 0            | 0        | -1
            0.2      | 2            | 0        | -1
            """)
    void triggersOnRisesReactiveScalingCannotFollowAndNotOnAnEveningRamp(
            double factor, double overMinutes, int triggers, long firstAfter) {
        Run run = run(ramp(factor, overMinutes), 30, 15, DEFAULTS);

        assertEquals(triggers, run.triggersAfterChange().size(), () -> "triggers at " + run.triggersAfterChange());
        if (firstAfter >= 0) {
            assertEquals(firstAfter, run.triggersAfterChange().get(0));
        }
    }

    @Test
    void steadyDemandNeverTriggersAndAsksNoFloor() {
        Run run = run(minute -> 42.5, 60, 15, DEFAULTS);

        assertTrue(run.states().stream().noneMatch(SpikeState::active));
        assertEquals(0, run.maxFloor());
        SpikeState last = run.states().get(run.states().size() - 1);
        assertEquals(0, last.velocity().orElseThrow(), 1e-9);
        assertEquals(0, last.acceleration().orElseThrow(), 1e-9);
    }

    /**
     * Independent noise at every 15 s sample, a day long: 5 % never triggers; 10 % (an acceleration noise of a third
     * of the threshold) may, a couple of times a day (docs/spike.md says to raise the acceleration threshold then).
     */
    @ParameterizedTest(name = "noise {0} % around {1} replicas, seed {2}: at most {3} trigger(s)")
    @CsvSource({"5, 10, 1, 0", "5, 10, 2, 0", "5, 100, 3, 0", "5, 0.3, 5, 0", "10, 50, 4, 2", "10, 50, 6, 2"})
    void noiseOfADayDoesNotTrigger(double percent, double level, long seed, int most) {
        Random noise = new Random(seed);
        Run run = run(minute -> Math.max(0, level * (1 + percent / 100 * noise.nextGaussian())), 24 * 60, 15, DEFAULTS);

        assertTrue(run.triggersAfterChange().size() <= most, () -> "triggers at " + run.triggersAfterChange());
    }

    @ParameterizedTest(name = "evening ramp x2 in 5 min with 3 % noise, seed {0}")
    @CsvSource({"11", "12", "13", "14", "15", "16", "17", "18"})
    void anEveningRampWithNoiseDoesNotTrigger(long seed) {
        Random noise = new Random(seed);
        DoubleUnaryOperator ramp = ramp(2, 5);
        Run run = run(minute -> ramp.applyAsDouble(minute) * (1 + 0.03 * noise.nextGaussian()), 30, 15, DEFAULTS);

        assertEquals(List.of(), run.triggersAfterChange());
    }

    @ParameterizedTest(name = "x{0} in 2 min with 3 % noise, seed {1}: within two updates")
    @CsvSource({"5, 21", "5, 22", "5, 23", "10, 24", "10, 25", "10, 26"})
    void aSpikeWithNoiseTriggersWithinTwoStatusUpdates(double factor, long seed) {
        Random noise = new Random(seed);
        DoubleUnaryOperator ramp = ramp(factor, 2);
        Run run = run(minute -> ramp.applyAsDouble(minute) * (1 + 0.03 * noise.nextGaussian()), 30, 15, DEFAULTS);

        assertEquals(1, run.triggersAfterChange().size(), () -> "triggers at " + run.triggersAfterChange());
        assertTrue(run.triggersAfterChange().get(0) <= 30, () -> "first at " + run.triggersAfterChange());
    }

    /** Samples at irregular times (5 to 40 s apart): the signals divide by the time that passed, not by the count. */
    @ParameterizedTest(name = "x{0} over {1} min at irregular times: {2} trigger(s)")
    @CsvSource({"1, 0, 0", "2, 5, 0", "5, 2, 1", "10, 2, 1"})
    void irregularSpacingReadsTheSameRates(double factor, double overMinutes, int triggers) {
        DoubleUnaryOperator curve = ramp(factor, overMinutes);
        SpikeDetector detector = new SpikeDetector(DEFAULTS);
        Random gaps = new Random(7);
        long second = 0;
        SpikeState state = SpikeState.EMPTY;
        while (second <= 30 * 60) {
            state = detector.observe(T0.plusSeconds(second), curve.applyAsDouble(second / 60.0), 500);
            second += 5 + gaps.nextInt(36);
        }
        assertEquals(triggers, state.triggers());
    }

    @Test
    void irregularSamplesOfALinearRampGiveItsSlopeAndNoAcceleration() {
        SpikeDetector detector = new SpikeDetector(DEFAULTS);
        long[] seconds = {0, 7, 40, 41, 90, 150, 151, 200, 260, 300, 333};
        SpikeState state = SpikeState.EMPTY;
        for (long second : seconds) {
            state = detector.observe(T0.plusSeconds(second), 10 + 2 * second / 60.0, 500);
        }
        assertEquals(2, state.velocity().orElseThrow(), 0.05);
        assertEquals(0, state.acceleration().orElseThrow(), 0.1);
    }

    @Test
    void aMissedStatusUpdateDoesNotTriggerOnSteadyDemand() {
        SpikeDetector detector = new SpikeDetector(DEFAULTS);
        SpikeState state = SpikeState.EMPTY;
        for (long second = 0; second <= 20 * 60; second += 15) {
            if (second == 6 * 60 || second == 6 * 60 + 15) {
                continue; // two updates missed
            }
            state = detector.observe(T0.plusSeconds(second), 10, 500);
        }
        assertEquals(0, state.triggers());
    }

    @Test
    void aMissedStatusUpdateDuringASpikeStillTriggersFromTheNextOne() {
        DoubleUnaryOperator curve = ramp(5, 2);
        SpikeDetector detector = new SpikeDetector(DEFAULTS);
        long firstActive = -1;
        for (long second = 0; second <= 20 * 60; second += 15) {
            if (second == 10 * 60 + 15) {
                continue; // the first update of the rise is missed
            }
            SpikeState state = detector.observe(T0.plusSeconds(second), curve.applyAsDouble(second / 60.0), 500);
            if (state.active() && firstActive < 0) {
                firstActive = second - 10 * 60;
            }
        }
        assertEquals(30, firstActive);
    }

    @Test
    void aSilenceLongerThanTheGapStartsTheWindowAnewAndItsFirstSampleNeverTriggers() {
        SpikeDetector detector = new SpikeDetector(DEFAULTS);
        for (long second = 0; second <= 6 * 60; second += 15) {
            detector.observe(T0.plusSeconds(second), 10, 500);
        }
        // Ten minutes without a status, then ten times the demand: when it rose is unknown.
        SpikeState after = detector.observe(T0.plusSeconds(16 * 60), 100, 500);

        assertFalse(after.active());
        assertTrue(after.velocity().isEmpty());
        assertEquals(1, detector.samples());
    }

    @Test
    void aSingleSampleNeverTriggers() {
        SpikeState state = new SpikeDetector(DEFAULTS).observe(T0, 1_000, 500);

        assertFalse(state.active());
        assertTrue(state.velocity().isEmpty());
        assertTrue(state.acceleration().isEmpty());
    }

    @Test
    void whileASpikeHoldsTheFloorNeverDecreasesAndItEndsAHoldAfterTheSignalsCalm() {
        // Absolute thresholds, so that the test can tell loud samples from calm ones itself.
        SpikeSettings settings = new SpikeSettings(
                SpikeMode.ON,
                RateThreshold.absolute(3),
                RateThreshold.absolute(1.2),
                SpikeSettings.DEFAULT_LOOKAHEAD,
                SpikeSettings.DEFAULT_HOLD,
                SpikeSettings.DEFAULT_MAX_FACTOR);
        Run run = run(ramp(5, 2), 40, 15, settings);

        List<SpikeState> states = run.states();
        int floor = 0;
        long lastActive = -1;
        long lastLoud = -1;
        for (int i = 0; i < states.size(); i++) {
            SpikeState state = states.get(i);
            if (state.active()) {
                assertTrue(state.floor() >= floor, () -> "the floor fell at " + state.at());
                assertTrue(state.floor() >= Math.ceil(state.demand() - 1e-9), "at least the demand");
                floor = state.floor();
                lastActive = i;
            }
            boolean loud =
                    state.velocity().orElse(0) >= 3 || state.acceleration().orElse(0) >= 1.2;
            if (loud) {
                lastLoud = i;
            }
        }
        assertEquals(1, run.triggersAfterChange().size());
        // Calm from the sample after the last loud one; ends a full hold (5 min = 20 samples) after that.
        assertTrue(lastLoud > 0);
        assertEquals(lastLoud + 20, lastActive, "last loud sample " + lastLoud);
        assertFalse(states.get(states.size() - 1).active());
        assertEquals(0, states.get(states.size() - 1).floor());
    }

    @Test
    void aSecondRiseAfterTheSpikeEndedCountsAsASecondTrigger() {
        DoubleUnaryOperator twice = minute -> minute < 10 ? 10 : minute < 30 ? 50 : 250;
        Run run = run(twice, 50, 15, DEFAULTS);

        assertEquals(List.of(0L, 20 * 60L), run.triggersAfterChange());
    }

    @ParameterizedTest(name = "maxReplicas {0}, max factor {1}: floor at most {2}")
    @CsvSource({"500, 2, 100", "30, 2, 30", "500, 1, 50", "0, 2, 100"})
    void theFloorIsCappedAtMaxReplicasAndAtTheMaxFactorOfTheDemand(int maxReplicas, double maxFactor, int most) {
        SpikeSettings settings = new SpikeSettings(
                SpikeMode.ON,
                SpikeSettings.DEFAULT_VELOCITY,
                SpikeSettings.DEFAULT_ACCELERATION,
                Duration.ofMinutes(10),
                SpikeSettings.DEFAULT_HOLD,
                maxFactor);
        SpikeDetector detector = new SpikeDetector(settings);
        int floor = 0;
        for (long second = 0; second <= 20 * 60; second += 15) {
            double demand = second < 10 * 60 ? 10 : 50; // x5 at once: a long lookahead asks far more than 50
            floor = Math.max(
                    floor,
                    detector.observe(T0.plusSeconds(second), demand, maxReplicas)
                            .floor());
        }
        assertEquals(most, floor);
    }

    @Test
    void theFloorLooksAheadOfTheDemandWhileItRises() {
        Run run = run(ramp(5, 2), 12, 15, DEFAULTS);

        SpikeState first =
                run.states().stream().filter(SpikeState::active).findFirst().orElseThrow();
        // 30 s into a rise of 20 replicas a minute: 20 replicas now, and the floor looks two minutes ahead.
        assertEquals(20, first.demand(), 1e-9);
        assertTrue(first.floor() > 25, () -> "floor " + first.floor());
    }

    @Test
    void theEndOfAFallAcceleratesUpwardsButIsNoSpike() {
        DoubleUnaryOperator fall = minute -> minute < 10 ? 100 : minute < 11 ? 100 - 80 * (minute - 10) : 20;
        Run run = run(fall, 30, 15, DEFAULTS);

        assertEquals(List.of(), run.triggersAfterChange());
    }

    @Test
    void samplesOutOfOrderOrNotANumberAreIgnored() {
        SpikeDetector detector = new SpikeDetector(DEFAULTS);
        detector.observe(T0.plusSeconds(60), 10, 500);
        SpikeState kept = detector.state();

        assertEquals(kept, detector.observe(T0, 1_000, 500));
        assertEquals(kept, detector.observe(T0.plusSeconds(75), Double.NaN, 500));
        assertEquals(kept, detector.observe(T0.plusSeconds(75), -1, 500));
        assertEquals(kept, detector.observe(T0.plusSeconds(75), Double.POSITIVE_INFINITY, 500));
        assertEquals(1, detector.samples());
    }

    @Test
    void theWindowHoldsABoundedNumberOfSamplesWhateverTheUpdateRate() {
        SpikeDetector detector = new SpikeDetector(DEFAULTS);
        for (long millis = 0; millis <= 3_600_000; millis += 250) {
            detector.observe(T0.plusMillis(millis), 10 + (millis % 7), 500);
            assertTrue(detector.samples() <= SpikeDetector.CAPACITY);
        }
        assertTrue(detector.samples() >= 60, "a window of 5 min at about one sample per 5 s: " + detector.samples());
    }

    @Test
    void newSettingsKeepTheWindowAndTheSpikeInProgress() {
        DoubleUnaryOperator curve = ramp(5, 2);
        SpikeDetector detector = new SpikeDetector(DEFAULTS);
        for (long second = 0; second <= 11 * 60; second += 15) {
            detector.observe(T0.plusSeconds(second), curve.applyAsDouble(second / 60.0), 500);
        }
        assertTrue(detector.state().active());

        detector.reconfigure(DEFAULTS.withMode(SpikeMode.PREVIEW));
        SpikeState next = detector.observe(T0.plusSeconds(11 * 60 + 15), 50, 500);

        assertTrue(next.active());
        assertEquals(1, next.triggers());
        assertEquals(SpikeMode.PREVIEW, detector.settings().mode());
    }

    @ParameterizedTest(name = "\"{0}\" at base {1}: {2} replicas per minute")
    @CsvSource({"12, 50, 12", "30%, 10, 3", "30%, 0.2, 0.3", "150%, 100, 150"})
    void relativeThresholdsScaleWithTheDemandAtTheWindowStart(String text, double base, double replicas) {
        RateThreshold threshold = text.endsWith("%")
                ? RateThreshold.percentOfDemand(Double.parseDouble(text.substring(0, text.length() - 1)))
                : RateThreshold.absolute(Double.parseDouble(text));

        assertEquals(replicas, threshold.replicas(base), 1e-9);
        assertEquals(text, threshold.text());
    }
}
