package io.prescaler.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prescaler.demand.DemandCurve;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The example curves are what the seeded generator writes: nobody edits them by hand. */
class DemandExamplesTest {

    @Test
    void primeTimeEveningIsWhatTheGeneratorWrites() throws IOException {
        assertEquals(
                DemandExamples.primeTimeEvening(),
                Files.readString(DemandExamples.FOLDER.resolve("prime-time-evening.csv"), StandardCharsets.UTF_8));
    }

    @Test
    void weeklyFootballIsWhatTheGeneratorWrites() throws IOException {
        assertEquals(
                DemandExamples.weeklyFootball(7),
                Files.readString(DemandExamples.FOLDER.resolve("weekly-football.csv"), StandardCharsets.UTF_8));
    }

    @Test
    void fourWeeksIsWhatTheGeneratorWrites() throws IOException {
        assertEquals(
                DemandExamples.fourWeeks(),
                Files.readString(DemandExamples.FOLDER.resolve("four-weeks.csv"), StandardCharsets.UTF_8));
    }

    @Test
    void examplesParseAsDemandCurves() {
        DemandCurve evening = DemandCsv.parse(DemandExamples.primeTimeEvening(), "prime-time-evening.csv");
        DemandCurve week = DemandCsv.parse(DemandExamples.weeklyFootball(7), "weekly-football.csv");

        assertEquals(360, evening.points());
        assertEquals(7 * 24 * 60, week.points());
        assertEquals(
                28 * 24 * 60,
                DemandCsv.parse(DemandExamples.fourWeeks(), "four-weeks.csv").points());
    }
}
