package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON Patch {@code mutate} applies itself: for every operation the webhook writes, the same result as an
 * independent RFC 6902 applier, and the argument left untouched.
 */
class JsonPatchTest {

    private static JsonNode json(String text) throws Exception {
        return WebhookHarness.JSON.readTree(text);
    }

    private static JsonPatch patch(String text) throws Exception {
        List<PatchOperation> operations = new ArrayList<>();
        for (JsonNode op : json(text)) {
            operations.add(
                    new PatchOperation(op.path("op").asText(), op.path("path").asText(), op.get("value")));
        }
        return new JsonPatch(operations);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            {"spec":{}}                    | [{"op":"add","path":"/spec/metrics","value":[1]}]                 | {"spec":{"metrics":[1]}}
            {"spec":{"metrics":[1]}}       | [{"op":"add","path":"/spec/metrics/-","value":2}]                 | {"spec":{"metrics":[1,2]}}
            {"spec":{"metrics":[1,3]}}     | [{"op":"add","path":"/spec/metrics/1","value":2}]                 | {"spec":{"metrics":[1,2,3]}}
            {"spec":{"metrics":[1,2,3]}}   | [{"op":"replace","path":"/spec/metrics/1","value":9}]             | {"spec":{"metrics":[1,9,3]}}
            {"spec":{"metrics":[1,2,3,4]}} | [{"op":"remove","path":"/spec/metrics/3"},{"op":"remove","path":"/spec/metrics/1"}] | {"spec":{"metrics":[1,3]}}
            {"spec":{"metrics":[1,2]}}     | [{"op":"replace","path":"/spec/metrics/0","value":0},{"op":"remove","path":"/spec/metrics/1"},{"op":"add","path":"/spec/metrics/-","value":5}] | {"spec":{"metrics":[0,5]}}
            {"spec":{"minReplicas":1}}     | [{"op":"replace","path":"/spec/minReplicas","value":2}]           | {"spec":{"minReplicas":2}}
            {"spec":{"a":1,"b":2}}         | [{"op":"remove","path":"/spec/a"}]                                | {"spec":{"b":2}}
            {"metadata":{"annotations":{}}} | [{"op":"add","path":"/metadata/annotations/scaling.io~1min","value":"3"}] | {"metadata":{"annotations":{"scaling.io/min":"3"}}}
            {"metadata":{"annotations":{}}} | [{"op":"add","path":"/metadata/annotations/a~0b","value":"3"}]    | {"metadata":{"annotations":{"a~b":"3"}}}
            {"spec":{}}                    | []                                                                | {"spec":{}}
            """)
    void appliesTheOperationsTheWebhookWrites_asRfc6902Does(String document, String operations, String expected)
            throws Exception {
        JsonNode before = json(document);
        JsonPatch patch = patch(operations);

        JsonNode after = patch.applyTo(before);

        assertEquals(json(expected), after);
        assertEquals(Rfc6902.apply(patch.toJson(), before), after, "the independent applier agrees");
        assertEquals(json(document), before, "the argument is left untouched");
        assertEquals(json(operations), patch.toJson(), "written back as it was read");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            {"spec":{}}     | [{"op":"move","path":"/spec/a","value":1}]   | unsupported JSON Patch op move
            {"spec":[1]}    | [{"op":"copy","path":"/spec/0","value":1}]   | unsupported JSON Patch op copy
            {"spec":{}}     | [{"op":"add","path":"spec","value":1}]       | unsupported JSON Patch path spec
            {"spec":{}}     | [{"op":"add","path":"/status/a","value":1}]  | JSON Patch path /status/a has no parent container
            {"spec":1}      | [{"op":"add","path":"/spec/a","value":1}]    | JSON Patch path /spec/a has no parent container
            """)
    void refusesWhatTheWebhookNeverWrites(String document, String operations, String message) throws Exception {
        JsonPatch patch = patch(operations);
        JsonNode before = json(document);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> patch.applyTo(before));

        assertEquals(message, e.getMessage());
    }

    @Test
    void isEmptyWithNoOperations() {
        assertEquals(0, JsonPatch.EMPTY.size());
        assertEquals(true, JsonPatch.EMPTY.isEmpty());
        assertEquals("[]", JsonPatch.EMPTY.toJson().toString());
    }
}
