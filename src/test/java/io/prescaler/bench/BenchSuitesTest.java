package io.prescaler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.prescaler.failure.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchSuitesTest {

    private static BenchSettings asking(String... suites) {
        return new BenchSettings(
                List.of(suites),
                Path.of("target/bench"),
                List.of(1000),
                200,
                Duration.ofSeconds(10),
                new BenchSettings.Webhook(
                        Path.of("webhook/samples/create-hpa.json"),
                        List.of(8, 32),
                        Duration.ofSeconds(6),
                        Duration.ofSeconds(20),
                        500,
                        Duration.ofSeconds(10)),
                new BenchSettings.Events(List.of(1000, 5000), Path.of("target/prescaler.jar"), List.of()));
    }

    @Test
    void runsEveryAvailableSuiteWhenNoneIsNamed() {
        assertEquals(
                List.of("prescale", "exporter", "scrape", "spike", "webhook", "replay", "events", "keda", "forecast"),
                BenchSuites.select(asking()).stream().map(BenchSuite::name).toList());
    }

    @Test
    void rejectsAnUnknownSuiteNamingTheAvailableOnes() {
        UsageException e = assertThrows(UsageException.class, () -> BenchSuites.select(asking("prescale", "cpu")));
        assertEquals(
                "unknown suite 'cpu'; available suites: prescale, exporter, scrape, spike, webhook, replay, events, keda, forecast",
                e.getMessage());
    }
}
