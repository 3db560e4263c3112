package io.prescaler.hpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Reproduces docs/hpa-model.md §6's scale-up table cell by cell, the file being the table. */
class HpaModelTableTest {

    private static final int[][] CASES = {{2, 40}, {10, 11}, {25, 27}, {25, 55}, {25, 125}, {100, 300}};

    @ParameterizedTest(name = "{0} {1} {2} D={3} {4} ready+{5}")
    @CsvFileSource(resources = "scale-up-table.psv", delimiterString = "|")
    void reproducesEveryCellOfTheScaleUpTable(
            PrescaleSignal signal,
            ToleranceTest k8s,
            String behavior,
            int delaySeconds,
            PrescaleSignal.ExporterView view,
            int readySeconds,
            String to40,
            String to11,
            String to27,
            String to55,
            String to125,
            String to300) {
        List<String> expected = List.of(to40, to11, to27, to55, to125, to300);
        List<String> actual = new ArrayList<>();
        for (int[] c : CASES) {
            PrescaleScenario scenario = PrescaleScenario.of(
                            signal, c[0], c[1], k8s, behavior(behavior), Duration.ofSeconds(delaySeconds))
                    .withView(view)
                    .withReadinessDelay(Duration.ofSeconds(readySeconds));
            actual.add(scenario.simulate().cell());
        }
        assertEquals(expected, actual);
    }

    static Optional<Behavior> behavior(String text) {
        return switch (text) {
            case "nil" -> Optional.empty();
            case "defaults" -> Optional.of(Behavior.defaults());
            case "defaults, scaleUp.tolerance 0" -> Optional.of(Behavior.defaults()
                    .withScaleUp(ScalingRules.defaultScaleUp().withTolerance(0)));
            default -> throw new IllegalArgumentException("unknown behavior in the table: " + text);
        };
    }
}
