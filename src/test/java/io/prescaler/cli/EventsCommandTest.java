package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventsCommandTest {

    @ParameterizedTest(name = "--now {0}")
    @CsvSource({
        "2026-05-30T19:00:00Z, 2026-05-30T19:00:00Z",
        "2026-05-30T21:00+02:00, 2026-05-30T19:00:00Z",
        "2026-05-30T21:00, 2026-05-30T19:00:00Z",
        // inside the spring-forward gap: the end of the gap, as everywhere else
        "2026-03-29T02:30, 2026-03-29T01:00:00Z",
    })
    void readsNowAsAnInstantAnOffsetTimeOrALocalTime(String text, Instant expected) {
        assertEquals(expected, EventsCommand.Apply.parseNow(text, ZoneId.of("Europe/Paris")));
    }

    @Test
    void refusesANowThatIsNotATime() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> EventsCommand.Apply.parseNow("tonight", ZoneId.of("UTC")));
        assertTrue(e.getMessage().startsWith("--now 'tonight' is not an ISO-8601 time"), e.getMessage());
    }

    @Test
    void documentsEveryFlagOfApply() {
        StringWriter out = new StringWriter();
        int exit = Prescaler.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(new StringWriter()))
                .execute("events", "apply", "--help");

        assertEquals(0, exit);
        for (String flag : new String[] {
            "--configmap",
            "--key",
            "--now",
            "--dry-run",
            "--parallelism",
            "--timezone",
            "--annotation-prefix",
            "--kubeconfig",
            "--context"
        }) {
            assertTrue(out.toString().contains(flag), flag);
        }
    }

    @Test
    void eventsWithoutACommandIsAUsageError() {
        StringWriter err = new StringWriter();
        int exit = Prescaler.commandLine(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err))
                .execute("events");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("Missing a command (apply)."), err.toString());
    }
}
