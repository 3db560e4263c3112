package io.prescaler.hpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemandTest {

    @ParameterizedTest(name = "target {0}, current {1}, {2} replicas -> {3}")
    @CsvSource({
        // target, current, current replicas, replicas asked
        "60, 90, 4, 6.0",
        "60, 30, 4, 2.0",
        "60, 60, 4, 4.0",
        "100, 0, 5, 0.0",
        "0.5, 1.25, 2, 5.0",
        // inside the controller's tolerance band the HPA would not move; the demand still says 4.2
        "100, 105, 4, 4.2",
    })
    void asksForUsageRatioTimesCurrentReplicas(double target, double current, int replicas, double asked) {
        Demand demand = Demand.of(List.of(new MetricReading("m", target, current)), replicas)
                .orElseThrow();

        assertEquals(asked, demand.replicas(), 1e-9);
    }

    @Test
    void takesTheMetricAskingForTheMost() {
        Demand demand = Demand.of(
                        List.of(
                                new MetricReading("cpu", 60, 90),
                                new MetricReading("queue", 100, 250),
                                new MetricReading("memory", 500, 100)),
                        4)
                .orElseThrow();

        assertEquals(10.0, demand.replicas(), 1e-9);
        assertEquals("queue", demand.metric());
    }

    @ParameterizedTest(name = "target {0}, current {1}")
    @CsvSource({"0, 10", "-1, 10", "10, -1", "NaN, 10", "10, Infinity"})
    void unusableReadingSaysNothing(double target, double current) {
        assertEquals(Optional.empty(), Demand.of(List.of(new MetricReading("m", target, current)), 4));
    }

    @Test
    void unusableReadingLeavesTheOthers() {
        Demand demand = Demand.of(List.of(new MetricReading("bad", 0, 10), new MetricReading("cpu", 60, 90)), 4)
                .orElseThrow();

        assertEquals("cpu", demand.metric());
    }

    @Test
    void noReadingsNoDemand() {
        assertTrue(Demand.of(List.of(), 4).isEmpty());
    }

    @Test
    void targetAtZeroReplicasHasNoDemand() {
        assertTrue(Demand.of(List.of(new MetricReading("cpu", 60, 90)), 0).isEmpty());
    }
}
