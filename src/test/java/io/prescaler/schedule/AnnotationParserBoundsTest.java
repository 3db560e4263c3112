package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnnotationParserBoundsTest {

    private static final String P = "annotations.scaling.exporter.";
    private final AnnotationParser parser = new AnnotationParser(AnnotationKeys.DEFAULT, ZoneOffset.UTC);

    private static Map<String, String> valid() {
        Map<String, String> annotations = new HashMap<>();
        annotations.put(P + "replica.min", "25");
        annotations.put(P + "time.start", "19:30");
        annotations.put(P + "time.end", "23:30");
        return annotations;
    }

    private List<String> problems(Map<String, String> annotations) {
        return assertInstanceOf(AnnotationReading.Invalid.class, parser.read(annotations)).problems().stream()
                .map(AnnotationProblem::message)
                .toList();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            1e-999999999 | "1e-999999999" is not a plain decimal (no exponent): a multiplier is a plain decimal from 0.01 to 1000 with at most 6 decimals (for example "3" or "1.5")
            1e-99999999  | "1e-99999999" is not a plain decimal (no exponent): a multiplier is a plain decimal from 0.01 to 1000 with at most 6 decimals (for example "3" or "1.5")
            1e-9999999   | "1e-9999999" is not a plain decimal (no exponent): a multiplier is a plain decimal from 0.01 to 1000 with at most 6 decimals (for example "3" or "1.5")
            1000000      | "1000000" is out of range: a multiplier is a plain decimal from 0.01 to 1000 with at most 6 decimals (for example "3" or "1.5")
            0.0000001    | "0.0000001" has more than 6 decimals: a multiplier is a plain decimal from 0.01 to 1000 with at most 6 decimals (for example "3" or "1.5")
            """)
    void refusesAMultiplierOutsideItsBounds(String multiplier, String message) {
        Map<String, String> annotations = valid();
        annotations.put(P + "event.multiplier", multiplier);

        assertEquals(List.of(P + "event.multiplier: " + message), problems(annotations));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.SECONDS)
    void refusesAMillionDigitMultiplierQuickly_quotingOnlyItsStart() {
        Map<String, String> annotations = valid();
        annotations.put(P + "event.multiplier", "1" + "0".repeat(999_999));

        List<String> problems = problems(annotations);

        assertEquals(
                List.of(P + "event.multiplier: \"" + "1" + "0".repeat(63) + "\" (the first 64 of 1000000 characters)"
                        + " is too long (1000000 characters): " + Multipliers.FORM + " (for example \"3\" or \"1.5\")"),
                problems);
    }

    @Test
    void quotesAValueOnOneLine_escapingItsControlCharacters() {
        Map<String, String> annotations = valid();
        annotations.put(P + "time.start", "19:30\nFORGED line");

        assertEquals(
                List.of(P + "time.start: \"19:30\\nFORGED line\" is not a time of day (HH:mm or HH:mm:ss, 24-hour,"
                        + " for example \"19:30\")"),
                problems(annotations));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            start           | did you mean annotations.scaling.exporter.time.start?
            end             | did you mean annotations.scaling.exporter.time.end?
            time.strat      | did you mean annotations.scaling.exporter.time.start?
            replicas.min    | did you mean annotations.scaling.exporter.replica.min?
            min             | did you mean annotations.scaling.exporter.replica.min?
            multiplier      | did you mean annotations.scaling.exporter.event.multiplier?
            day             | did you mean annotations.scaling.exporter.days?
            time-zone       | did you mean annotations.scaling.exporter.timezone?
            time.lead       | did you mean annotations.scaling.exporter.lead?
            leed            | did you mean annotations.scaling.exporter.lead?
            forecast.horizn | did you mean annotations.scaling.exporter.forecast.horizon?
            horizon         | did you mean annotations.scaling.exporter.forecast.horizon?
            headroom        | did you mean annotations.scaling.exporter.forecast.headroom?
            forcast         | did you mean annotations.scaling.exporter.forecast?
            spike.velocty   | did you mean annotations.scaling.exporter.spike.velocity?
            acceleration    | did you mean annotations.scaling.exporter.spike.acceleration?
            something.else  | the keys under annotations.scaling.exporter are replica.min, time.start, time.end, days, timezone, lead, event.multiplier, event.name, event.end, forecast, forecast.query, forecast.horizon, forecast.headroom, spike, spike.velocity, spike.acceleration, spike.lookahead, spike.hold
            """)
    void namesTheClosestKeyForAKeyUnderThePrefixThatIsNotOurs(String suffix, String hint) {
        Map<String, String> annotations = valid();
        annotations.put(P + suffix, "19:30");

        assertEquals(
                List.of("\"" + P + suffix + "\" is not a prescaling annotation and is ignored; " + hint),
                parser.hints(annotations));
    }

    @Test
    void hintsAlsoWhenTheMistypedKeyIsTheOnlyOne_andNeverForOurKeysOrOthers() {
        assertEquals(
                List.of("\"" + P + "start\" is not a prescaling annotation and is ignored; did you mean " + P
                        + "time.start?"),
                parser.hints(Map.of(P + "start", "19:30", "kubectl.kubernetes.io/last-applied-configuration", "{}")));
        Map<String, String> ours = valid();
        ours.put(P + "event.multiplier", "2");
        ours.put(P + "lead", "10m");
        assertTrue(parser.hints(ours).isEmpty());
        assertTrue(parser.hints(Map.of("annotations.scaling.exporterx", "1")).isEmpty());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.SECONDS)
    void givesAFewHintsForAnObjectWithThousandsOfUnknownKeys() {
        Map<String, String> annotations = valid();
        for (int i = 0; i < 8000; i++) {
            annotations.put(P + "key-" + i + "-" + "x".repeat(20), "1");
        }

        List<String> hints = parser.hints(annotations);

        assertEquals(AnnotationParser.MAX_HINTS + 1, hints.size());
        assertEquals(
                (8000 - AnnotationParser.MAX_HINTS) + " more keys under annotations.scaling.exporter are not"
                        + " prescaling annotations and are ignored",
                hints.get(AnnotationParser.MAX_HINTS));
    }
}
