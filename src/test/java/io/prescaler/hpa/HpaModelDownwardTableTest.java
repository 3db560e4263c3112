package io.prescaler.hpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/hpa-model.md §6's downward table. Traffic needs 20 replicas from second 0; W = 40; legacy path (behavior nil)
 * times as in the table, behavior defaults 15 s shorter. Case A: the window ends at 0 with spec 40. B: the window
 * stays open, spec 60 held by traffic. C: as B with spec 43 (less than 10 % above W). D: as B, window ends at 600.
 */
class HpaModelDownwardTableTest {

    private static final int MINIMUM = 40;

    @ParameterizedTest(name = "case {0} {1} D={2} {3}: to {4} in {5}")
    @CsvSource(
            delimiterString = "|",
            textBlock =
                    """
            A | BEDROCK       | 0  | nil      | 20 | 300
            A | BEDROCK       | 60 | nil      | 20 | 360
            A | PLAIN_MINIMUM | 0  | nil      | 20 | 300
            A | PLAIN_MINIMUM | 60 | nil      | 20 | 360
            A | BEDROCK       | 0  | defaults | 20 | 285
            A | PLAIN_MINIMUM | 60 | defaults | 20 | 345
            B | BEDROCK       | 0  | nil      | 40 | never (60)
            B | BEDROCK       | 60 | nil      | 40 | never (60)
            B | PLAIN_MINIMUM | 0  | nil      | 40 | 300
            B | PLAIN_MINIMUM | 60 | nil      | 40 | 300
            B | PLAIN_MINIMUM | 0  | defaults | 40 | 285
            B | DIRECT        | 0  | nil      | 40 | 300
            B | DIRECT        | 60 | defaults | 40 | 285
            C | BEDROCK       | 0  | nil      | 40 | never (43)
            C | PLAIN_MINIMUM | 0  | nil      | 40 | never (43)
            C | PLAIN_MINIMUM | 60 | defaults | 40 | never (43)
            C | DIRECT        | 0  | defaults | 40 | never (43)
            D | BEDROCK       | 0  | nil      | 20 | 900
            D | BEDROCK       | 60 | nil      | 20 | 960
            D | BEDROCK       | 0  | defaults | 20 | 885
            D | PLAIN_MINIMUM | 0  | nil      | 40 | 300
            D | PLAIN_MINIMUM | 0  | nil      | 20 | 900
            D | PLAIN_MINIMUM | 60 | nil      | 20 | 960
            D | PLAIN_MINIMUM | 60 | defaults | 20 | 945
            """)
    void reproducesEveryCellOfTheDownwardTable(
            String scenario, PrescaleSignal signal, int delaySeconds, String behavior, int target, String expected) {
        int start =
                switch (scenario) {
                    case "A", "B", "D" -> scenario.equals("A") ? 40 : 60;
                    case "C" -> 43;
                    default -> throw new IllegalArgumentException(scenario);
                };
        long windowEnd =
                switch (scenario) {
                    case "A" -> 0;
                    case "D" -> 600;
                    default -> Long.MAX_VALUE;
                };
        HpaMetric.External prescaling = HpaMetric.External.of(
                signal == PrescaleSignal.BEDROCK
                        ? io.prescaler.schedule.MetricEncoding.LEGACY
                        : io.prescaler.schedule.MetricEncoding.DIRECT,
                (at, observed) -> at < windowEnd ? signal.value(MINIMUM, observed.deploymentSpec()) : 0);
        HpaMetric.Traffic traffic = new HpaMetric.Traffic(t -> t < 0 ? start : 20);
        HpaSettings settings = HpaSettings.of(1, 1000, ToleranceTest.FROM_1_33, List.of(prescaling, traffic))
                .withToleranceTest(
                        signal == PrescaleSignal.BEDROCK ? ToleranceTest.UP_TO_1_32 : ToleranceTest.FROM_1_33)
                .withPipelineDelay(Duration.ofSeconds(delaySeconds));
        if (behavior.equals("defaults")) {
            settings = settings.withBehavior(Behavior.defaults());
        }

        List<Step> steps = HpaSimulator.run(settings, start, -900, 1800);

        assertEquals(expected, secondsTo(target, steps));
    }

    private static String secondsTo(int target, List<Step> steps) {
        for (Step step : steps) {
            if (step.second() >= 0 && step.desiredReplicas() <= target) {
                return Long.toString(step.second());
            }
        }
        return "never (" + steps.get(steps.size() - 1).desiredReplicas() + ")";
    }
}
