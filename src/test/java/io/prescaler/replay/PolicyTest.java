package io.prescaler.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTest {

    @ParameterizedTest(name = "\"{0}\" reads as {1}")
    @CsvSource({
        "reactive, reactive",
        "schedule, schedule",
        "' schedule ', schedule",
        "forecast, forecast",
        "last-week, last-week",
        "schedule+forecast, schedule+forecast",
        "forecast+schedule, schedule+forecast",
        "last-week+forecast+schedule, schedule+forecast+last-week",
        "spike, spike",
        "spike+schedule, schedule+spike",
        "schedule + spike, schedule+spike"
    })
    void readsAPolicyAndWritesItBack(String text, String label) {
        assertEquals(label, Policy.parse(text).label());
    }

    @ParameterizedTest(name = "\"{0}\" is refused: {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            scheduel          | "scheduel" in "scheduel" is not a policy: use reactive or schedule, forecast, last-week, spike, several joined by +
            last_week         | "last_week" in "last_week" is not a policy
            forecast+forecast | names forecast twice
            schedule+schedule | names schedule twice
            spike+spike       | names spike twice
            reactive+schedule | "reactive" in "reactive+schedule" is not a policy
            ''                | "" in "" is not a policy
            schedule+         | "" in "schedule+" is not a policy
            """)
    void refusesWhatIsNotAPolicyNamingTheWord(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Policy.parse(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"reactive, true", "schedule, false"})
    void reactiveIsThePolicyWithoutFloors(String text, boolean reactive) {
        assertEquals(reactive, Policy.parse(text).isReactive());
    }
}
