package io.prescaler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spike suite's plumbing at a tiny size: it runs, and reports each measure. */
class SpikeBenchTest {

    @Test
    void measuresTheDetectorTheStatusUpdatesAndTheScrapes() throws Exception {
        BenchResult result = new SpikeBench(List.of(20), 5, Duration.ofSeconds(1)).run();

        List<Map<String, String>> records = result.records();
        assertEquals(
                List.of("detector observe()", "exporter status update", "scrape, spike-guarded HPAs"),
                records.stream().map(r -> r.get("measure")).toList());
        assertTrue(records.get(0).get("per update").endsWith("µs"), records.toString());
        assertEquals("5", records.get(2).get("count"));
    }
}
