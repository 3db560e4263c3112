package io.prescaler.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.demand.DemandCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemandBufferTest {

    /**
     * Slots put in order ({@code slot=value}, space-separated) into a buffer of capacity 4 and step 60 s; the curve
     * it holds, as {@code second=value}.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''                     | ''",
                "10=1                   | 600=1.0",
                "10=1 11=2 12=3         | 600=1.0 660=2.0 720=3.0",
                "10=1 11=2 12=3 13=4 14=5 | 660=2.0 720=3.0 780=4.0 840=5.0",
                "10=1 13=4              | 600=1.0 780=4.0",
                "10=1 20=2              | 1200=2.0",
                "10=1 12=3 11=2         | 600=1.0 660=2.0 720=3.0",
                "10=1 11=2 12=3 13=4 14=5 10=9 | 660=2.0 720=3.0 780=4.0 840=5.0",
            })
    void holdsTheNewestSlotsLeavingGapsOutAndOlderSlotsIgnored(String puts, String held) {
        DemandBuffer buffer = new DemandBuffer(60, 4);
        for (String put : puts.isBlank() ? new String[0] : puts.trim().split("\\s+")) {
            String[] parts = put.split("=");
            buffer.put(Long.parseLong(parts[0]), Double.parseDouble(parts[1]));
        }
        String[] expected = held.isBlank() ? new String[0] : held.trim().split("\\s+");
        if (expected.length == 0) {
            assertTrue(buffer.curve().isEmpty());
            return;
        }
        DemandCurve curve = buffer.curve().orElseThrow();
        assertEquals(expected.length, curve.points(), "points of " + held);
        assertEquals(Long.parseLong(expected[0].split("=")[0]), curve.first().getEpochSecond());
        assertEquals(
                Long.parseLong(expected[expected.length - 1].split("=")[0]),
                curve.last().getEpochSecond());
        for (String point : expected) {
            String[] parts = point.split("=");
            assertEquals(Double.parseDouble(parts[1]), curve.at(Long.parseLong(parts[0])), "at " + parts[0]);
        }
    }

    @Test
    void isEmptyUntilTheFirstSlot() {
        DemandBuffer buffer = new DemandBuffer(300, 8064);
        assertTrue(buffer.isEmpty());
        assertTrue(buffer.curve().isEmpty());
        buffer.put(5, 2.5);
        assertEquals(5L, buffer.lastSlot().orElseThrow());
    }
}
