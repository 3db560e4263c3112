package io.prescaler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keda suite's plumbing at a tiny size: it seeds, syncs, serves and measures; the figures are not checked. */
class KedaScalerBenchTest {

    @Test
    void measuresGetMetricsForEveryScaledObjectWithoutErrors() throws Exception {
        BenchResult result = new KedaScalerBench(List.of(5), 50, Duration.ofMillis(400), Duration.ofMillis(200)).run();
        assertEquals(List.of("ScaledObjects", "calls/s", "calls", "p50", "p99", "max", "errors"), result.columns());
        assertEquals(1, result.rows().size());
        List<String> row = result.rows().get(0);
        assertEquals("5", row.get(0));
        assertEquals("20", row.get(2), "50 calls/s held 0.4 s");
        assertEquals("0", row.get(6), "every call answered with a minimum above 0");
    }

    @Test
    void refusesARateBelowOne() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new KedaScalerBench(List.of(5), 0, Duration.ofSeconds(1), Duration.ZERO));
        assertEquals("--keda-rate must be at least 1, got 0", e.getMessage());
    }
}
