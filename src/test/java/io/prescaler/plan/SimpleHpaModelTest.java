package io.prescaler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prescaler.schedule.MetricEncoding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimpleHpaModelTest {

    private static final Instant T0 = Instant.parse("2026-05-30T19:30:00Z");

    private static List<Instant> everySync(int count) {
        List<Instant> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(T0.plus(SimpleHpaModel.SYNC.multipliedBy(i)));
        }
        return samples;
    }

    @ParameterizedTest(name = "min {0} -> {1}: {2}")
    @CsvSource({
        // scale-up at most max(2x, +4) per 15 s sync
        "4, 25, '8 16 25 25'",
        "2, 6, '6 6 6 6'",
        "25, 75, '50 75 75 75'",
    })
    void scalesUpToTheMinimumAtTheHpaRate(int hpaMin, int wanted, String expected) {
        List<Integer> replicas = new SimpleHpaModel()
                .replicas(
                        new ReplicaSimulation.Hpa(hpaMin, 200, Optional.of(MetricEncoding.DIRECT)),
                        everySync(4),
                        (at, current) -> at.isBefore(T0) ? 0 : wanted);
        assertEquals(
                expected,
                String.join(" ", replicas.stream().map(String::valueOf).toList()));
    }

    @Test
    void scalesDownOnlyAfterFiveMinutesOfLowerRecommendations() {
        Instant drop = T0.plus(Duration.ofMinutes(10));
        List<Instant> samples = List.of(
                drop.minusSeconds(15), drop, drop.plus(Duration.ofMinutes(4)), drop.plus(Duration.ofMinutes(5)));
        List<Integer> replicas = new SimpleHpaModel()
                .replicas(
                        new ReplicaSimulation.Hpa(4, 200, Optional.of(MetricEncoding.DIRECT)),
                        samples,
                        (at, current) -> at.isBefore(drop) ? 25 : 0);
        assertEquals(List.of(25, 25, 25, 4), replicas);
    }

    @Test
    void theLegacySignalStaysInsideTheToleranceBand() {
        // 11/10 = 1.1 is within the v1.33+ tolerance: the original encoding never scales
        List<Integer> replicas = new SimpleHpaModel()
                .replicas(
                        new ReplicaSimulation.Hpa(4, 200, Optional.of(MetricEncoding.LEGACY)),
                        everySync(4),
                        (at, current) -> current < 25 ? 11 : 10);
        assertEquals(List.of(4, 4, 4, 4), replicas);
    }
}
