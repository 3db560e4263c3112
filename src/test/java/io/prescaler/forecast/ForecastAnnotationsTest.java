package io.prescaler.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationProblem;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForecastAnnotationsTest {

    private static final String P = "annotations.scaling.exporter.";
    private static final AnnotationKeys KEYS = AnnotationKeys.DEFAULT;

    private static ForecastReading read(Map<String, String> annotations) {
        return ForecastAnnotations.read(KEYS, annotations);
    }

    private static ForecastSettings valid(Map<String, String> annotations) {
        return assertInstanceOf(ForecastReading.Valid.class, read(annotations)).settings();
    }

    private static List<String> problems(Map<String, String> annotations) {
        return assertInstanceOf(ForecastReading.Invalid.class, read(annotations)).problems().stream()
                .map(AnnotationProblem::message)
                .toList();
    }

    private static Map<String, String> on(String key, String value) {
        Map<String, String> annotations = new HashMap<>();
        annotations.put(P + "forecast", "on");
        annotations.put(P + key, value);
        return annotations;
    }

    @Test
    void readsAnHpaWithoutForecastKeysAsNotForecast() {
        assertEquals(new ForecastReading.NotForecast(), read(null));
        assertEquals(new ForecastReading.NotForecast(), read(Map.of()));
        assertFalse(read(Map.of(P + "forecasts", "on")).isForecast());
    }

    @Test
    void readsTheWindowKeysAsNoneOfItsBusiness() {
        // the window parser reads these; a forecast-only HPA and a window-only HPA are both fine here
        assertEquals(
                new ForecastReading.NotForecast(),
                read(Map.of(P + "replica.min", "x", P + "time.start", "25:00", P + "lead", "-1m")));
        assertEquals(
                new ForecastSettings(ForecastMode.ON, Optional.empty(), Optional.empty(), Optional.empty()),
                valid(Map.of(P + "forecast", "on", P + "replica.min", "not read here")));
    }

    @ParameterizedTest(name = "forecast \"{0}\" is {1}")
    @CsvSource({"on, ON", "preview, PREVIEW", "' ON ', ON", "Preview, PREVIEW"})
    void readsTheMode(String value, ForecastMode mode) {
        assertEquals(
                new ForecastSettings(mode, Optional.empty(), Optional.empty(), Optional.empty()),
                valid(Map.of(P + "forecast", value)));
    }

    @Test
    void readsEveryKey() {
        Map<String, String> annotations = on("forecast.query", " max(demand{hpa=\"web\"}) ");
        annotations.put(P + "forecast", "preview");
        annotations.put(P + "forecast.horizon", "20m");
        annotations.put(P + "forecast.headroom", "1.25");
        assertEquals(
                new ForecastSettings(
                        ForecastMode.PREVIEW,
                        Optional.of(Duration.ofMinutes(20)),
                        Optional.of(1.25),
                        Optional.of("max(demand{hpa=\"web\"})")),
                valid(annotations));
        assertTrue(read(annotations).isForecast());
    }

    @ParameterizedTest(name = "horizon \"{0}\" = {1}")
    @CsvSource({"1m, PT1M", "15m, PT15M", "90s, PT1M30S", "PT2H, PT2H", "6h, PT6H", "' 1h30m ', PT1H30M"})
    void readsAHorizonAsOperatorsWriteIt(String value, String expected) {
        assertEquals(
                Optional.of(Duration.parse(expected)),
                valid(on("forecast.horizon", value)).horizon());
    }

    @ParameterizedTest(name = "headroom \"{0}\" = {1}")
    @CsvSource({"1, 1.0", "1.0, 1.0", "1.5, 1.5", "3, 3.0", "3.000, 3.0", "2.125, 2.125", "+1.2, 1.2", "' 1.1 ', 1.1"})
    void readsAHeadroomAsAPlainDecimal(String value, double expected) {
        assertEquals(
                Optional.of(expected), valid(on("forecast.headroom", value)).headroom());
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            forecast          | off     | annotations.scaling.exporter.forecast: "off" is not a forecast mode: use "on" (the forecast raises the minimum) or "preview" (computed and exported, never raises it); to turn the forecast off, remove the key
            forecast          | true    | annotations.scaling.exporter.forecast: "true" is not a forecast mode: use "on" (the forecast raises the minimum) or "preview" (computed and exported, never raises it); to turn the forecast off, remove the key
            forecast          | ''      | annotations.scaling.exporter.forecast: "" is not a forecast mode: use "on" (the forecast raises the minimum) or "preview" (computed and exported, never raises it); to turn the forecast off, remove the key
            forecast.horizon  | soon    | annotations.scaling.exporter.forecast.horizon: "soon" is not a duration: a horizon is how far ahead the forecast looks, a duration from 1m to 6h (for example "15m" or "1h")
            forecast.horizon  | 15      | annotations.scaling.exporter.forecast.horizon: "15" is not a duration: a horizon is how far ahead the forecast looks, a duration from 1m to 6h (for example "15m" or "1h")
            forecast.horizon  | -15m    | annotations.scaling.exporter.forecast.horizon: "-15m" is negative: a horizon is how far ahead the forecast looks, a duration from 1m to 6h (for example "15m" or "1h")
            forecast.horizon  | PT-15M  | annotations.scaling.exporter.forecast.horizon: "PT-15M" is negative: a horizon is how far ahead the forecast looks, a duration from 1m to 6h (for example "15m" or "1h")
            forecast.horizon  | 0s      | annotations.scaling.exporter.forecast.horizon: "0s" is shorter than 1m: a horizon is how far ahead the forecast looks, a duration from 1m to 6h (for example "15m" or "1h")
            forecast.horizon  | 59s     | annotations.scaling.exporter.forecast.horizon: "59s" is shorter than 1m: a horizon is how far ahead the forecast looks, a duration from 1m to 6h (for example "15m" or "1h")
            forecast.horizon  | 6h1s    | annotations.scaling.exporter.forecast.horizon: "6h1s" is longer than 6h: a horizon is how far ahead the forecast looks, a duration from 1m to 6h (for example "15m" or "1h")
            forecast.horizon  | 99999999d | annotations.scaling.exporter.forecast.horizon: "99999999d" is longer than 6h: a horizon is how far ahead the forecast looks, a duration from 1m to 6h (for example "15m" or "1h")
            forecast.headroom | 0.9     | annotations.scaling.exporter.forecast.headroom: "0.9" is out of range: a headroom is a plain decimal from 1 to 3 with at most 3 decimals (for example "1.2"); remove the key to calibrate it from the forecast's own errors
            forecast.headroom | 3.001   | annotations.scaling.exporter.forecast.headroom: "3.001" is out of range: a headroom is a plain decimal from 1 to 3 with at most 3 decimals (for example "1.2"); remove the key to calibrate it from the forecast's own errors
            forecast.headroom | 1.2345  | annotations.scaling.exporter.forecast.headroom: "1.2345" has more than 3 decimals: a headroom is a plain decimal from 1 to 3 with at most 3 decimals (for example "1.2"); remove the key to calibrate it from the forecast's own errors
            forecast.headroom | 1e0     | annotations.scaling.exporter.forecast.headroom: "1e0" is not a plain decimal: a headroom is a plain decimal from 1 to 3 with at most 3 decimals (for example "1.2"); remove the key to calibrate it from the forecast's own errors
            forecast.headroom | -1.5    | annotations.scaling.exporter.forecast.headroom: "-1.5" is not a plain decimal: a headroom is a plain decimal from 1 to 3 with at most 3 decimals (for example "1.2"); remove the key to calibrate it from the forecast's own errors
            forecast.headroom | 20%     | annotations.scaling.exporter.forecast.headroom: "20%" is not a plain decimal: a headroom is a plain decimal from 1 to 3 with at most 3 decimals (for example "1.2"); remove the key to calibrate it from the forecast's own errors
            forecast.headroom | 1.00000000000000000001 | annotations.scaling.exporter.forecast.headroom: "1.00000000000000000001" is not a plain decimal: a headroom is a plain decimal from 1 to 3 with at most 3 decimals (for example "1.2"); remove the key to calibrate it from the forecast's own errors
            forecast.query    | '  '    | annotations.scaling.exporter.forecast.query: "  " is empty: a query is a PromQL expression giving the demand in replicas (for example "sum(rate(http_requests_total{job=\\"web\\"}[2m])) / 50"); remove the key for the default signal
            """)
    void deniesABadValueNamingTheKeyTheValueAndTheExpectedForm(String key, String value, String message) {
        Map<String, String> annotations = on(key, value);
        assertEquals(List.of(message), problems(annotations));
    }

    @Test
    void acceptsAMultiLineQueryAndRefusesControlCharacters() {
        assertEquals(
                Optional.of("sum(\n  rate(x[2m])\n) / 40"),
                valid(on("forecast.query", "sum(\n  rate(x[2m])\n) / 40")).query());
        assertEquals(
                List.of("annotations.scaling.exporter.forecast.query: \"up\\u0000\" holds a control character:"
                        + " a query is PromQL text"),
                problems(on("forecast.query", "up\0")));
    }

    @Test
    void refusesAQueryLongerThanTheBoundShowingOnlyItsStart() {
        String query = "a".repeat(ForecastAnnotations.MAX_QUERY_LENGTH + 1);
        List<String> problems = problems(on("forecast.query", query));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).endsWith("is too long (2049 characters): a query is at most 2048 characters"));
        assertTrue(problems.get(0).length() < 250, problems.get(0));
        assertEquals(
                Optional.of("a".repeat(ForecastAnnotations.MAX_QUERY_LENGTH)),
                valid(on("forecast.query", "a".repeat(ForecastAnnotations.MAX_QUERY_LENGTH)))
                        .query());
    }

    @Test
    void asksForTheModeWhenOtherForecastKeysAreSetWithoutIt() {
        assertEquals(
                List.of("annotations.scaling.exporter.forecast: missing; the other forecast keys need it: set it to"
                        + " \"on\" or \"preview\", or remove annotations.scaling.exporter.forecast.horizon"),
                problems(Map.of(P + "forecast.horizon", "15m")));
    }

    @Test
    void reportsEveryProblemAtOnceInKeyOrder() {
        Map<String, String> annotations = Map.of(
                P + "forecast.query", "",
                P + "forecast.horizon", "1d",
                P + "forecast.headroom", "5");
        List<String> keys = assertInstanceOf(ForecastReading.Invalid.class, read(annotations)).problems().stream()
                .map(AnnotationProblem::key)
                .toList();
        assertEquals(
                List.of(P + "forecast", P + "forecast.query", P + "forecast.horizon", P + "forecast.headroom"), keys);
    }

    @Test
    void readsKeysUnderAnotherPrefix() {
        AnnotationKeys keys = new AnnotationKeys("prescaling.example.com");
        assertEquals(
                List.of(
                        "prescaling.example.com.forecast",
                        "prescaling.example.com.forecast.query",
                        "prescaling.example.com.forecast.horizon",
                        "prescaling.example.com.forecast.headroom"),
                keys.forecastKeys());
        assertEquals(
                ForecastMode.PREVIEW,
                assertInstanceOf(
                                ForecastReading.Valid.class,
                                ForecastAnnotations.read(keys, Map.of("prescaling.example.com.forecast", "preview")))
                        .settings()
                        .mode());
        assertEquals(new ForecastReading.NotForecast(), ForecastAnnotations.read(keys, Map.of(P + "forecast", "on")));
    }

    @Test
    void forecastKeysAreOursSoTheWindowParserGivesNoHintAboutThem() {
        assertTrue(KEYS.allKeys().containsAll(KEYS.forecastKeys()));
        assertFalse(KEYS.userKeys().contains(KEYS.forecast()), "the window parser does not read them");
    }
}
