package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prescaler.schedule.MetricEncoding;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The codec on its own. Reviews are read in one streaming pass that keeps what a tree of the body would give the
 * reviewers (the objects as {@link AdmittedObject#of} reads them from Jackson's tree, the spec the very same tree),
 * and refuses what the strict tree reader refused, in the same words. Answers are written straight to bytes, byte
 * for byte the JSON their tree serialises to (Jackson's UTF-8 writer: characters outside the BMP escaped as
 * surrogate pairs).
 */
class AdmissionReviewCodecTest {

    private static final AdmissionReviewCodec CODEC = new AdmissionReviewCodec();

    /** Every AdmissionReview the tests have: the fixtures, the KEDA fixtures, the hostile bodies, the samples. */
    static Stream<Path> bodies() throws IOException {
        List<Path> bodies = new ArrayList<>();
        for (Path dir : List.of(
                ReviewFixtures.DIRECTORY,
                ReviewFixtures.DIRECTORY.resolve("keda"),
                ReviewFixtures.DIRECTORY.resolve("hostile"),
                Path.of("webhook/samples"))) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile).sorted().forEach(bodies::add);
            }
        }
        return bodies.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void readsTheObjectsAsTheirTreeReadsThem(Path file) throws IOException {
        byte[] body = Files.readAllBytes(file);

        AdmissionReviewCodec.Decoded decoded = CODEC.read(body);

        if (decoded instanceof AdmissionReviewCodec.Decoded.Request read) {
            JsonNode request = WebhookHarness.JSON.readTree(body).path("request");
            assertEquals(
                    AdmittedObject.of(request.get("object")), read.request().object());
            assertEquals(
                    AdmittedObject.of(request.get("oldObject")), read.request().oldObject());
        }
    }

    @Test
    void keepsTheSpecAsJacksonsTreeOfItNumbersIncluded() throws IOException {
        String spec =
                """
                {"ints": [0, -0, 7, 2147483647, 2147483648, -9223372036854775808, 9223372036854775808,
                          123456789012345678901234567890],
                 "floats": [0.0, -0.0, 1.5, 1e3, 1E-7, 1e400, 12345678901234567890.5],
                 "others": [true, false, null, "", "\u00e9\ud83d\ude00", {}, [], [[{"a": [{}]}]]],
                 "maxReplicas": 20, "scaleTargetRef": {"name": "web-deploy"}}""";
        String review = review("{\"metadata\": {\"name\": \"web\"}, \"spec\": " + spec + "}");

        AdmittedObject object = object(review);

        assertEquals(WebhookHarness.JSON.readTree(spec), object.spec());
        assertEquals(fromTree(review), object);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            {"kind": 7, "metadata": {"name": true, "namespace": null}}
            {"kind": {"a": 1}, "metadata": {"name": ["web"], "namespace": 1.5}}
            {"metadata": "shop"}
            {"metadata": {"annotations": null, "deletionTimestamp": null}}
            {"metadata": {"annotations": ["a"], "deletionTimestamp": {}}}
            {"metadata": {"annotations": {"a": "1", "team": 7, "b": null, "c": {"d": 1}, "e": "x"}}}
            {"metadata": {"ownerReferences": [{"kind": "ScaledObject", "apiVersion": "keda.sh/v1alpha1", "name": 9}]}}
            {"metadata": {"ownerReferences": {"x": {"kind": "ScaledObject", "apiVersion": "keda.sh/v1", "name": "so"}}}}
            {"metadata": {"ownerReferences": [1, {"kind": "ScaledObject", "apiVersion": "apps/v1"}, {"kind": "ScaledObject", "apiVersion": "keda.sh/v1", "name": "first"}, {"kind": "ScaledObject", "apiVersion": "keda.sh/v1", "name": "second"}]}}
            {"metadata": {"ownerReferences": "keda"}, "spec": null}
            {"spec": "web"}
            """)
    void readsOddObjectsAsTheirTreeReadsThem(String object) throws IOException {
        String review = review(object);

        assertEquals(fromTree(review), object(review));
    }

    /** What the strict tree reader refused is refused, in its words; the uid is kept once it could be read. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            duplicate uid                  | {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "a", "uid": "b"}} | - | body is not valid JSON: Duplicate field 'uid'
            duplicate in a dropped part    | {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "a", "userInfo": {"groups": [{"x": 1, "x": 2}]}}} | - | body is not valid JSON: Duplicate field 'x'
            duplicate past sixteen members | {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "a", "options": {"m1": 1, "m2": 1, "m3": 1, "m4": 1, "m5": 1, "m6": 1, "m7": 1, "m8": 1, "m9": 1, "m10": 1, "m11": 1, "m12": 1, "m13": 1, "m14": 1, "m15": 1, "m16": 1, "m17": 1, "m18": 1, "m17": 1}}} | - | body is not valid JSON: Duplicate field 'm17'
            duplicate annotation           | {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "a", "object": {"metadata": {"annotations": {"k": "1", "k": "2"}}}}} | - | body is not valid JSON: Duplicate field 'k'
            duplicate in the spec          | {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "a", "object": {"spec": {"metrics": [{"type": "a", "type": "b"}]}}}} | - | body is not valid JSON: Duplicate field 'type'
            duplicate at the root          | {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "kind": "AdmissionReview"} | - | body is not valid JSON: Duplicate field 'kind'
            trailing token                 | {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "a"}} {} | - | body is not valid JSON: trailing token (of type START_OBJECT) after the review
            not an object                  | [{"apiVersion": "admission.k8s.io/v1"}] | - | body is not a JSON object; expected an admission.k8s.io/v1 AdmissionReview
            nothing but blanks             | `  ` | - | body is not a JSON object; expected an admission.k8s.io/v1 AdmissionReview
            request not an object          | {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": ["uid"]} | - | request is missing or not an object
            no uid                         | {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"kind": {}}} | - | request.uid is missing, empty, not a string or too long
            apiVersion a number            | {"apiVersion": 1, "kind": "AdmissionReview", "request": {"uid": "a"}} | a | apiVersion/kind is 1/AdmissionReview; expected admission.k8s.io/v1/AdmissionReview (set admissionReviewVersions: [v1] in the webhook configuration)
            kind an object                 | {"apiVersion": "admission.k8s.io/v1", "kind": {"k": [1, 2.5]}} | - | apiVersion/kind is admission.k8s.io/v1/{"k":[1,2.5]}; expected admission.k8s.io/v1/AdmissionReview (set admissionReviewVersions: [v1] in the webhook configuration)
            no request kind                | {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "a", "kind": {"version": "v2"}}} | a | request.kind is missing or has no version and kind
            operation a number             | {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "a", "kind": {"version": "v2", "kind": "X"}, "operation": 1}} | a | request.operation must be a string, and group, subResource, namespace and name strings if set
            dryRun a string                | {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "a", "kind": {"version": "v2", "kind": "X"}, "operation": "CREATE", "dryRun": "yes"}} | a | request.dryRun is not a boolean
            """)
    void refusesWhatTheStrictTreeReaderRefused(String label, String body, String uid, String reason) {
        AdmissionReviewCodec.Decoded decoded = CODEC.read(body.getBytes(StandardCharsets.UTF_8));

        assertEquals(new AdmissionReviewCodec.Decoded.Unreadable("-".equals(uid) ? null : uid, reason), decoded);
    }

    @Test
    void readsAnnotationsThatAreNotStringsAsTheReviewerNamesThem() {
        AdmittedObject object =
                object(review("{\"metadata\": {\"annotations\": {\"a\": \"1\", \"team\": 7," + " \"b\": null}}}"));

        assertEquals(Optional.of("metadata.annotations.team is not a string"), object.annotationsProblem());
        assertEquals(Map.of("a", "1", "team", "7", "b", "null"), object.annotations());
    }

    @Test
    void readsEveryTokenOfADeepBodyWithoutRecursion() {
        String deep = "[".repeat(900) + "]".repeat(900);
        String body = "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\":"
                + " {\"uid\": \"a\", \"kind\": {\"version\": \"v2\", \"kind\": \"X\"}, \"operation\": \"CREATE\","
                + " \"userInfo\": " + deep + ", \"object\": {\"spec\": " + deep + "}}}";

        AdmissionReviewCodec.Decoded decoded = CODEC.read(body.getBytes(StandardCharsets.UTF_8));

        AdmittedObject object =
                ((AdmissionReviewCodec.Decoded.Request) decoded).request().object();
        assertEquals(900, depth(object.spec()));
    }

    private static int depth(JsonNode node) {
        int depth = 0;
        for (JsonNode n = node; n.isArray(); n = n.path(0)) {
            depth++;
        }
        return depth;
    }

    /** A review of an HPA CREATE whose request.object is {@code object}, as text. */
    private static String review(String object) {
        return "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\":"
                + " \"a\", \"kind\": {\"group\": \"autoscaling\", \"version\": \"v2\", \"kind\":"
                + " \"HorizontalPodAutoscaler\"}, \"operation\": \"CREATE\", \"object\": " + object + "}}";
    }

    /** The review's object as Jackson's tree reader sees it, read by {@link AdmittedObject#of}. */
    private static AdmittedObject fromTree(String review) throws IOException {
        return AdmittedObject.of(
                WebhookHarness.JSON.readTree(review).path("request").path("object"));
    }

    /** The review's object as the codec reads it. */
    private static AdmittedObject object(String review) {
        AdmissionReviewCodec.Decoded decoded = CODEC.read(review.getBytes(StandardCharsets.UTF_8));
        return ((AdmissionReviewCodec.Decoded.Request) decoded).request().object();
    }

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
                AdmissionResponse.patched(
                        "c0a1",
                        new JsonPatch(List.of(PatchOperation.replace("/spec/triggers/0", everyKindOfNode()))),
                        List.of()),
                AdmissionResponse.denied("c0a1", "invalid prescaling annotations: \"x\"", List.of("w")),
                AdmissionResponse.errored("", 400, "body is not valid JSON: \r\n forged"));
    }

    /** A patch value with every kind of node, as a trigger copied from a request may hold. */
    private static JsonNode everyKindOfNode() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode value = nodes.objectNode();
        value.put("type", "external").putNull("none").put("yes", true).put("no", false);
        value.put("int", 7).put("long", 1L << 40).put("big", new BigInteger("123456789012345678901234567890"));
        value.put("double", 1.5).put("infinite", Double.POSITIVE_INFINITY).put("float", 2.5f);
        value.put("decimal", new BigDecimal("1.50")).put("binary", new byte[] {1, 2, 3});
        value.putObject("empty");
        value.putArray("none of them");
        value.putObject("metadata")
                .put("scalerAddress", "h\u00e9:9090 \ud83d\ude00")
                .putArray("deep")
                .addArray()
                .addObject();
        value.putArray("list")
                .add(1)
                .add("two")
                .addNull()
                .add(nodes.objectNode().put("k", "v"))
                .add(nodes.arrayNode());
        return value;
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
