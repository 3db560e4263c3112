package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.input.EventsYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParsedEventsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static ParsedEvents read(String fixture) {
        try (InputStream in = ParsedEventsTest.class.getResourceAsStream(fixture)) {
            return EventsYaml.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), PARIS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "-",
            value = {
                // a valid event decides for its HPAs, even when a skipped copy bears its name
                "final, false",
                // skipped as invalid: its HPAs keep what they carry
                "semi, true",
                // the first entry named quarter is invalid: its valid copy does not take the name over
                "quarter, true",
                // an event no entry names any more was removed by the operator
                "gone, false",
                "-, false",
            })
    void holdsTheNamesOfSkippedEntriesThatNoValidEventBears(String eventName, boolean held) {
        assertEquals(held, read("events-with-skipped-entries.yaml").holds(eventName));
    }

    @Test
    void aDuplicateNameIsSkippedEvenWhenTheFirstEntryBearingItIsInvalid() {
        ParsedEvents parsed = read("events-with-skipped-entries.yaml");

        assertEquals(
                List.of("final"),
                parsed.calendar().events().stream().map(SpecialEvent::name).toList());
        assertEquals(
                List.of(
                        "event \"semi\" (entry 2), multiplier: \"x3\" is not a number > 0 (for example 3 or 1.5)",
                        "event \"final\" (entry 3), name: \"final\" is already the name of an earlier event; names"
                                + " must be unique",
                        "event \"quarter\" (entry 4), multiplier: \"0\" is not a number > 0 (for example 3 or 1.5)",
                        "event \"quarter\" (entry 5), name: \"quarter\" is already the name of an earlier event;"
                                + " names must be unique"),
                parsed.problems().stream().map(EventProblem::message).toList());
        assertFalse(parsed.isUnreadable());
    }

    @Test
    void anInvalidEntryWithoutANameHoldsEveryEventButTheValidOnes() {
        ParsedEvents parsed = read("events-with-an-unnamed-bad-entry.yaml");

        assertTrue(parsed.holds("semi"));
        assertTrue(parsed.holds("anything"));
        assertFalse(parsed.holds("final"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            'name: lonely'                                                         | true
            '- name: [unclosed'                                                    | true
            'events: {name: lonely}'                                               | true
            '- name: a'                                                            | false
            '[]'                                                                   | false
            """)
    void aFileThatIsNotAListOfEventsIsUnreadable(String yaml, boolean unreadable) {
        ParsedEvents parsed = EventsYaml.read(yaml, PARIS);

        assertEquals(unreadable, parsed.isUnreadable());
        assertFalse(parsed.holds("final"));
    }
}
