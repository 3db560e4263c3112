package io.prescaler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchSuitesTest {

    private static BenchSettings asking(String... suites) {
        return new BenchSettings(List.of(suites), Path.of("target/bench"), List.of(1000), 200, Duration.ofSeconds(10));
    }

    @Test
    void runsEveryAvailableSuiteWhenNoneIsNamed() {
        assertEquals(
                List.of("prescale", "exporter"),
                BenchSuites.select(asking()).stream().map(BenchSuite::name).toList());
    }

    @Test
    void saysAPlannedSuiteIsNotAvailableYet() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> BenchSuites.select(asking("webhook")));
        assertEquals(
                "suite webhook is not available yet (it comes with the webhook command); available suites:"
                        + " prescale, exporter",
                e.getMessage());
    }

    @Test
    void rejectsAnUnknownSuiteNamingTheAvailableOnes() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> BenchSuites.select(asking("prescale", "cpu")));
        assertEquals("unknown suite 'cpu'; available suites: prescale, exporter", e.getMessage());
    }
}
