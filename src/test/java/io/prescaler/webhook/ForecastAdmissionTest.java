package io.prescaler.webhook;

import static io.prescaler.webhook.ReviewFixtures.review;
import static io.prescaler.webhook.ReviewFixtures.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The forecast keys at admission: read by their own parser, so a forecast-only HPA is prescaled (it gets the metric
 * block), and a denial names the forecast's bad keys together with the window's.
 */
class ForecastAdmissionTest {

    private static final String P = "annotations.scaling.exporter.";

    private static AdmissionResponse admit(String fixture, Map<String, String> set, String... removed) {
        JsonNode review = review(fixture).deepCopy();
        ObjectNode annotations =
                (ObjectNode) review.at("/request/object/metadata").with("annotations");
        for (String key : removed) {
            annotations.remove(P + key);
        }
        set.forEach((key, value) -> annotations.put(P + key, value));
        return AdmissionReviewerTest.admit(fixture, review);
    }

    private static String metricsAfter(String fixture, AdmissionResponse response, Map<String, String> set) {
        JsonNode object = review(fixture).path("request").path("object");
        return summary(
                Rfc6902.apply(response.patch().toJson(), object).path("spec").path("metrics"));
    }

    @ParameterizedTest(name = "forecast-only with {0}")
    @CsvSource({"forecast=on", "forecast=preview", "forecast=on;forecast.horizon=20m;forecast.headroom=1.2"})
    void aForecastOnlyHpaIsPrescaledAndGetsTheMetricBlock(String keys) {
        Map<String, String> set = new java.util.LinkedHashMap<>();
        for (String pair : keys.split(";")) {
            String[] kv = pair.split("=");
            set.put(kv[0], kv[1]);
        }
        AdmissionResponse response = admit("create-not-prescaled.json", set);

        assertTrue(response.allowed(), response.toString());
        assertTrue(response.isPatched(), response.toString());
        assertTrue(
                metricsAfter("create-not-prescaled.json", response, set).contains("D:web"),
                metricsAfter("create-not-prescaled.json", response, set));
    }

    @Test
    void aForecastOnlyHpaWithWindowKeysBesidesIsAWindowHpaToo() {
        AdmissionResponse response = admit("create-cpu.json", Map.of("forecast", "on"));
        assertTrue(response.allowed());
        assertEquals("CPU D:web", metricsAfter("create-cpu.json", response, Map.of()));
    }

    @Test
    void deniesABadForecastKeyNamingItWhenTheWindowIsFine() {
        AdmissionResponse response = admit("create-cpu.json", Map.of("forecast", "always"));

        assertFalse(response.allowed());
        assertEquals(
                "invalid prescaling annotations: " + P + "forecast: \"always\" is not a forecast mode: use \"on\" (the"
                        + " forecast raises the minimum) or \"preview\" (computed and exported, never raises it); to"
                        + " turn the forecast off, remove the key",
                response.status().message());
    }

    @Test
    void deniesNamingEveryBadKeyOfTheWindowAndTheForecastTogether() {
        AdmissionResponse response = admit(
                "create-cpu.json",
                Map.of("replica.min", "0", "forecast.horizon", "1d", "forecast.query", " "),
                "time.end");

        assertFalse(response.allowed());
        String message = response.status().message();
        int at = -1;
        for (String key : new String[] {
            "time.end: missing", "replica.min", "forecast: missing", "forecast.query", "forecast.horizon"
        }) {
            int found = message.indexOf(P + key);
            assertTrue(found > at, key + " after the previous key in " + message);
            at = found;
        }
    }

    @Test
    void forecastKeysGetNoClosestKeyHintButAMistypedOneDoes() {
        AdmissionResponse ours = admit("create-not-prescaled.json", Map.of("forecast", "on", "forecast.headroom", "2"));
        assertEquals(java.util.List.of(), ours.warnings());
        AdmissionResponse typo = admit("create-cpu.json", Map.of("forecast.horizn", "15m"));
        assertEquals(
                java.util.List.of("\"" + P + "forecast.horizn\" is not a prescaling annotation and is ignored; did you"
                        + " mean " + P + "forecast.horizon?"),
                typo.warnings());
    }
}
