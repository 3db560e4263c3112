package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prescaler.schedule.MetricEncoding;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The codec on its own: answers are written straight to bytes, byte for byte the JSON their tree serialises to
 * (Jackson's UTF-8 writer: characters outside the BMP escaped as surrogate pairs).
 */
class AdmissionReviewCodecTest {

    private static final AdmissionReviewCodec CODEC = new AdmissionReviewCodec();

    static Stream<AdmissionResponse> responses() {
        List<PatchOperation> many = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            many.add(PatchOperation.remove("/spec/metrics/" + i));
        }
        JsonNode block = PrescalingMetricBlock.of(MetricEncoding.DIRECT, "web\u00e9\n\"quoted\"", "");
        return Stream.of(
                AdmissionResponse.allowed("c0a1"),
                AdmissionResponse.allowed("c0a1", List.of("one", "two \u202e\u0000 \ud83d\ude00")),
                AdmissionResponse.patched(
                        "c0a1", new JsonPatch(List.of(PatchOperation.add("/spec/metrics/-", block))), List.of()),
                AdmissionResponse.patched(
                        "c0a1",
                        new JsonPatch(List.of(
                                PatchOperation.replace("/spec/metrics/0", block),
                                PatchOperation.remove("/spec/metrics/2"))),
                        List.of("a warning")),
                // Patches of every length modulo 3, for the Base64 padding.
                AdmissionResponse.patched("u", new JsonPatch(many.subList(0, 1)), List.of()),
                AdmissionResponse.patched("u", new JsonPatch(many.subList(0, 2)), List.of()),
                AdmissionResponse.patched("u", new JsonPatch(many), List.of()),
                AdmissionResponse.denied("c0a1", "invalid prescaling annotations: \"x\"", List.of("w")),
                AdmissionResponse.errored("", 400, "body is not valid JSON: \r\n forged"));
    }

    @ParameterizedTest
    @MethodSource("responses")
    void writesAnswersAsTheirTreeSerialises(AdmissionResponse response) throws Exception {
        byte[] written = CODEC.write(response);

        assertEquals(
                AdmissionReviewCodec.utf8(WebhookHarness.JSON.writeValueAsBytes(tree(response))),
                AdmissionReviewCodec.utf8(written));
    }

    @ParameterizedTest
    @MethodSource("responses")
    void writesPatchesAsTheirTreeSerialises(AdmissionResponse response) throws Exception {
        assertEquals(
                AdmissionReviewCodec.utf8(
                        WebhookHarness.JSON.writeValueAsBytes(response.patch().toJson())),
                AdmissionReviewCodec.utf8(CODEC.patchBytes(response.patch())));
    }

    /** The answer as a tree, as the codec built it before writing straight to bytes. */
    private static ObjectNode tree(AdmissionResponse response) throws Exception {
        ObjectNode review = JsonNodeFactory.instance.objectNode();
        review.put("apiVersion", "admission.k8s.io/v1");
        review.put("kind", "AdmissionReview");
        ObjectNode body = review.putObject("response");
        body.put("uid", response.uid());
        body.put("allowed", response.allowed());
        if (response.isPatched()) {
            body.put("patchType", "JSONPatch");
            body.put(
                    "patch",
                    Base64.getEncoder()
                            .encodeToString(WebhookHarness.JSON.writeValueAsBytes(
                                    response.patch().toJson())));
        }
        if (response.status() != null) {
            ObjectNode status = body.putObject("status");
            status.put("status", response.allowed() ? "Success" : "Failure");
            status.put("code", response.status().code());
            status.put("reason", response.status().reason());
            status.put("message", response.status().message());
        }
        if (!response.warnings().isEmpty()) {
            ArrayNode warnings = body.putArray("warnings");
            response.warnings().forEach(warnings::add);
        }
        return review;
    }
}
