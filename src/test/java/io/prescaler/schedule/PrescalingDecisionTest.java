package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrescalingDecisionTest {

    private static final AnnotationReading FORECAST_ONLY = new AnnotationReading.NotPrescaled();

    /**
     * A floor from demand raises the decision's minimum and both metric values follow it: the direct value steps out
     * of the tolerance band while below, the legacy one says 11 while below and 10 at or above.
     */
    @ParameterizedTest(
            name = "window {0}, {1} floor {2}, max {3}, current {4}: minimum {5} ({6}), direct {7}, legacy {8}")
    @CsvSource(
            nullValues = "-",
            value = {
                "0,  FORECAST, 12, 50, 4,  12, forecast, 12, 11",
                "0,  SPIKE,    30, 50, 25, 30, spike,    30, 11",
                "0,  SPIKE,    26, 50, 25, 26, spike,    28, 11",
                "25, FORECAST, 20, 50, 10, 25, window,   25, 11",
                "25, SPIKE,    80, 50, 50, 50, spike,    50, 10",
                "0,  FORECAST, 0,  50, 4,  0,  -,        0,  0",
            })
    void aDemandFloorRaisesTheMinimumAndBothValues(
            int window,
            MinimumSource source,
            int floor,
            int max,
            int current,
            int minimum,
            String named,
            long direct,
            long legacy) {
        EffectiveMinimum scheduled = new EffectiveMinimum(window, window, window > 0, Optional.empty(), false);
        PrescalingDecision decision = new PrescalingDecision(
                FORECAST_ONLY,
                scheduled,
                MetricEncoding.DIRECT.value(scheduled, current),
                MetricEncoding.LEGACY.value(scheduled, current));

        PrescalingDecision raised = decision.raisedBy(source, floor, max, current);

        assertEquals(minimum, raised.minimum().replicas());
        assertEquals(Optional.ofNullable(named), raised.minimum().source().map(MinimumSource::label));
        assertEquals(direct, raised.directValue());
        assertEquals(legacy, raised.legacyValue());
    }

    @ParameterizedTest(name = "floor {0} under a minimum of 25")
    @CsvSource({"25", "3", "0"})
    void aFloorThatChangesNothingLeavesTheDecisionAsItWas(int floor) {
        EffectiveMinimum scheduled = new EffectiveMinimum(25, 25, true, Optional.empty(), false);
        PrescalingDecision decision = new PrescalingDecision(FORECAST_ONLY, scheduled, 28, 11);

        assertSame(decision, decision.raisedBy(MinimumSource.SPIKE, floor, 50, 25));
    }
}
