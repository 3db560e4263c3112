package io.prescaler.hpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HPA's own metric carrying a demand curve, as {@code replay} runs it: read late, over the Ready pods. */
class LoadMetricTest {

    private static HpaSettings settings(HpaMetric.Load load) {
        return HpaSettings.of(2, 50, ToleranceTest.FROM_1_33, List.of(load))
                .withPipelineDelay(Duration.ofSeconds(30))
                .withReadinessDelay(Duration.ofSeconds(60));
    }

    @ParameterizedTest(name = "demand {0} on 4 pods -> {1}")
    @CsvSource({
        "4.2, 4", // ratio 1.05: inside the tolerance band, the HPA holds
        "4.4, 4", // ratio 1.1: inside under the >= 1.33 test
        "4.5, 5",
        "20.5, 21",
        "2.5, 3",
    })
    void settlesOnCeilingOfDemandOutsideTolerance(double demand, int settled) {
        List<Step> syncs = HpaSimulator.run(settings(new HpaMetric.Load(t -> demand)), 4, 0, 3600);

        assertEquals(settled, syncs.get(syncs.size() - 1).desiredReplicas());
    }

    @Test
    void seesRiseThroughPipelineDelayAndScalesOverReadyPodsOnly() {
        // Demand jumps from 4 to 20 at second 0; the HPA reads values 30 s old.
        List<Step> syncs = HpaSimulator.run(settings(new HpaMetric.Load(t -> t < 0 ? 4 : 20)), 4, 0, 120);

        assertEquals(4, syncs.get(0).desiredReplicas(), "at 0 the HPA still reads the demand of -30 s");
        assertEquals(4, syncs.get(1).desiredReplicas(), "at 15: the demand of -15 s");
        // At 30 it reads 20 / 4 Ready = 5: ceil(5 x 4 Ready) = 20, cut to max(2 x 4, 4) = 8 on the legacy path.
        assertEquals(8, syncs.get(2).desiredReplicas());
        assertEquals(4, syncs.get(3).readyPods(), "the 4 pods created at 30 are not Ready before 90");
        assertEquals(20, syncs.get(syncs.size() - 1).desiredReplicas());
    }
}
