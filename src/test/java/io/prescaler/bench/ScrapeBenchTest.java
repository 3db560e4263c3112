package io.prescaler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The suite's plumbing at a tiny size; its figures are measured by the bench profile, not here. */
class ScrapeBenchTest {

    @Test
    void measuresEachChangeOfDemandAndReportsABodyWithEveryHpa() throws Exception {
        BenchResult result = new ScrapeBench(List.of(20), 5).run();

        assertEquals(
                List.of("no demand changed", "a quarter of the demands changed", "every demand changed"),
                result.rows().stream().map(row -> row.get(1)).toList());
        for (List<String> row : result.rows()) {
            assertEquals("20", row.get(0));
            assertEquals("5", row.get(2));
            assertTrue(row.get(7).endsWith(" MB"), row.toString());
        }
    }

    @Test
    void refusesTooFewScrapes() {
        assertThrows(IllegalArgumentException.class, () -> new ScrapeBench(List.of(20), 4));
    }
}
