package io.prescaler.hpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The design's promise for {@code prescaling_min_replicas} (MetricEncoding.DIRECT): whatever the current replicas
 * and the minimum W, the HPA reaches W and, once there, never goes below it while the window is open; on both
 * tolerance tests, without behavior and with the defaults, with no pipeline delay and with 60 s, whether the
 * exporter reads the Deployment spec or (as Prescaler's does) the HPA's status.currentReplicas.
 */
class DirectEncodingReachesMinimumTest {

    private static final int LARGEST = 300;
    private static final Duration HORIZON = Duration.ofMinutes(20);

    static Stream<Arguments> clusters() {
        List<Arguments> result = new ArrayList<>();
        for (ToleranceTest test : ToleranceTest.values()) {
            for (Optional<Behavior> behavior : List.of(Optional.<Behavior>empty(), Optional.of(Behavior.defaults()))) {
                for (int delay : new int[] {0, 60}) {
                    for (PrescaleSignal.ExporterView view : PrescaleSignal.ExporterView.values()) {
                        result.add(Arguments.of(test, behavior, delay, view));
                    }
                }
            }
        }
        return result.stream();
    }

    @ParameterizedTest(name = "{0}, behavior {1}, D={2}s, exporter reads {3}")
    @MethodSource("clusters")
    void reachesEveryMinimumFromEveryCurrentAndStaysThere(
            ToleranceTest test, Optional<Behavior> behavior, int delaySeconds, PrescaleSignal.ExporterView view) {
        List<String> failures = new ArrayList<>();
        for (int current = 1; current <= LARGEST; current++) {
            for (int minimum = 1; minimum <= LARGEST; minimum++) {
                PrescaleScenario.PrescaleOutcome outcome = PrescaleScenario.of(
                                PrescaleSignal.DIRECT,
                                current,
                                minimum,
                                test,
                                behavior,
                                Duration.ofSeconds(delaySeconds))
                        .withView(view)
                        .simulate(HORIZON);
                if (!outcome.reached() || outcome.droppedBelow()) {
                    failures.add(current + "->" + minimum + ": " + outcome.cell()
                            + (outcome.droppedBelow() ? ", dropped below" : ""));
                }
            }
        }
        assertEquals(List.of(), failures.stream().limit(20).toList());
    }
}
