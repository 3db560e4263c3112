package io.prescaler.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.prescaler.demand.DemandCurve;
import io.prescaler.failure.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemandCsvTest {

    @Test
    void readsRfc3339AndEpochSecondsAsAStepFunction() {
        DemandCurve curve = DemandCsv.parse(
                "time,demand\n2026-05-30T20:00:00+02:00,4\n1780164060,12.5\r\n\n# a comment\n1780164180.9,0\n",
                "d.csv");

        assertEquals(3, curve.points());
        assertEquals(Instant.parse("2026-05-30T18:00:00Z"), curve.first());
        assertEquals(4, curve.at(curve.first().getEpochSecond() - 3600), "before the first row: the first value");
        assertEquals(4, curve.at(1780164059));
        assertEquals(12.5, curve.at(1780164060));
        assertEquals(12.5, curve.at(1780164179));
        assertEquals(0, curve.at(1780164180), "fractions of a second are dropped");
        assertEquals(0, curve.at(1880164180), "after the last row: the last value");
        assertEquals(12.5, curve.peak());
        DemandCurve.Cursor cursor = curve.cursor();
        for (long second = 1780157000; second < 1780165000; second += 7) {
            assertEquals(curve.at(second), cursor.at(second), "at " + second);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''| d.csv: empty: expected a header 'time,demand' and rows",
                "time,demand| d.csv: no rows after the header",
                "when,load\\n0,1| d.csv: line 1: the header must be 'time,demand', got 'when,load'",
                "time,demand\\n0,1,2| d.csv: line 2: expected 2 columns (time,demand), got 3",
                "time,demand\\nyesterday,1| d.csv: line 2: time 'yesterday' is neither RFC 3339 with an offset"
                        + " (2026-05-30T20:55:00+02:00) nor epoch seconds",
                "time,demand\\n2026-05-30T20:00:00,1| d.csv: line 2: time '2026-05-30T20:00:00' is neither RFC 3339"
                        + " with an offset (2026-05-30T20:55:00+02:00) nor epoch seconds",
                "time,demand\\n0,-1| d.csv: line 2: demand '-1' is not a decimal >= 0 (replicas, for example 12 or"
                        + " 4.5)",
                "time,demand\\n0,1e-999999999| d.csv: line 2: demand '1e-999999999' is not a decimal >= 0 (replicas,"
                        + " for example 12 or 4.5)",
                "time,demand\\n0,NaN| d.csv: line 2: demand 'NaN' is not a decimal >= 0 (replicas, for example 12 or"
                        + " 4.5)",
                "time,demand\\n0,1000001| d.csv: line 2: demand 1000001 is above 1000000 replicas",
                "time,demand\\n60,1\\n60,2| d.csv: line 3: time 60 repeats (rows must be in strictly increasing time)",
                "time,demand\\n60,1\\n0,2| d.csv: line 3: time 0 goes back (rows must be in strictly increasing time)",
            })
    void refusesBadInputNamingTheLineAndTheValue(String text, String message) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> DemandCsv.parse(text.replace("\\n", "\n"), "d.csv"));

        assertEquals(message, e.getMessage());
    }

    @Test
    void refusesAnOverlongLineWithoutReadingIt() {
        String text = "time,demand\n0," + "9".repeat(3_000_000);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DemandCsv.parse(text, "d.csv"));

        assertEquals("d.csv: line 2: a line of 3000002 characters; rows are time,demand", e.getMessage());
    }
}
