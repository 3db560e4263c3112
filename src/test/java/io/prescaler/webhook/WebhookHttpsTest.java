package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prescaler.certs.KeyAlgorithm;
import io.prescaler.certs.WebhookCertificates;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.MetricEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The webhook over real HTTPS, with AdmissionReview files shaped as the kube-apiserver sends them. */
class WebhookHttpsTest {

    private static final Path FIXTURES = Path.of("src/test/resources/io/prescaler/webhook");

    @TempDir
    static Path certDir;

    static WebhookServer direct;
    static WebhookServer legacy;
    static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        WebhookCertificates certificates = WebhookHarness.issue(KeyAlgorithm.EC);
        certificates.writeTo(certDir);
        direct = WebhookHarness.start(certDir, MetricEncoding.DIRECT, Duration.ofSeconds(10));
        legacy = WebhookHarness.start(certDir, MetricEncoding.LEGACY, Duration.ofSeconds(10));
        client = WebhookHarness.client(WebhookHarness.trusting(certificates.ca()));
    }

    @AfterAll
    static void stop() {
        direct.close();
        legacy.close();
    }

    /**
     * Each fixture's spec.metrics after the patch, summarised: CPU, D:hpa (the exact direct block selecting that
     * HPA), L:deployment (the exact legacy block), HAND (a hand-written legacy block), "-" for none.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            create-cpu.json                        | CPU D:web
            create-no-metrics.json                 | D:web
            create-null-metrics.json               | D:web
            create-empty-metrics.json              | D:web
            create-capped.json                     | CPU D:web
            update-already-right.json              | CPU D:web
            update-renamed-hpa.json                | D:web CPU
            update-annotations-removed.json        | CPU
            update-duplicate-blocks.json           | D:web CPU
            update-legacy-block-present.json       | CPU L:web-deploy
            update-legacy-block-and-direct.json    | CPU L:web-deploy
            create-not-prescaled.json              | CPU
            legacy-create.json                     | CPU L:web-deploy
            legacy-renamed-target.json             | CPU L:web-deploy
            legacy-mode-switch.json                | L:web-deploy CPU
            legacy-hand-written-selector.json      | CPU HAND
            legacy-annotations-removed.json        | CPU
            update-annotations-removed-legacy-block.json | CPU L:web-deploy
            update-annotations-removed-both-blocks.json  | L:web-deploy CPU
            legacy-annotations-removed-hand-written.json | CPU HAND
            ratchet-finalizer-removed.json               | CPU
            ratchet-event-multiplier-removed.json        | CPU
            ratchet-scaling-edit.json                    | CPU
            ratchet-one-problem-fixed.json               | CPU
            ratchet-being-deleted.json                   | CPU D:web
            legacy-ratchet-target-renamed.json           | CPU
            """)
    void patchLeavesExactlyTheExpectedMetrics(String fixture, String expected) throws Exception {
        JsonNode review = fixture(fixture);
        JsonNode response = admit(fixture, review);
        assertTrue(response.path("allowed").asBoolean(), response.toString());
        JsonNode object = review.path("request").path("object");
        JsonNode patched = patched(object, response);

        assertEquals(expected, summary(patched.path("spec").path("metrics")));
        assertEquals(withoutMetrics(object), withoutMetrics(patched), "only spec.metrics may change");
        JsonNode again = admit(fixture, reviewOf(review, patched));
        assertFalse(again.has("patch"), "re-admitting the patched object must give no patch: " + again);
    }

    @ParameterizedTest
    @CsvSource({"update-already-right.json", "update-legacy-block-present.json", "create-not-prescaled.json"})
    void answersWithoutPatch_whenNothingIsToChange(String fixture) throws Exception {
        JsonNode response = admit(fixture, fixture(fixture));
        assertTrue(response.path("allowed").asBoolean());
        assertFalse(response.has("patch"));
        assertFalse(response.has("patchType"));
    }

    @Test
    void patchIsTheMinimalAppend_whenOtherMetricsExist() throws Exception {
        JsonNode response = admit("create-cpu.json", fixture("create-cpu.json"));
        assertEquals("JSONPatch", response.path("patchType").asText());
        JsonNode patch = WebhookHarness.json(
                new String(Base64.getDecoder().decode(response.path("patch").asText()), StandardCharsets.UTF_8));
        assertEquals(1, patch.size());
        assertEquals("add", patch.get(0).path("op").asText());
        assertEquals("/spec/metrics/-", patch.get(0).path("path").asText());
        assertEquals(
                WebhookHarness.json(
                        "{\"type\":\"External\",\"external\":{\"metric\":{\"name\":\"prescaling_min_replicas\","
                                + "\"selector\":{\"matchLabels\":{\"hpa\":\"web\"}}},"
                                + "\"target\":{\"type\":\"AverageValue\",\"averageValue\":\"1\"}}}"),
                patch.get(0).path("value"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            create-capped.json               | asks for 50 replicas but spec.maxReplicas is 20: the minimum will be capped at 20
            update-legacy-block-present.json | Kubernetes >= 1.33 never scales on the legacy 11/10 signal
            update-annotations-removed-legacy-block.json | kept the annotation_scaling_min_replica metric in spec.metrics: it is not one this webhook injects in direct mode
            update-annotations-removed-both-blocks.json  | Prescaler's exporter publishes 0 for it forever
            legacy-annotations-removed-hand-written.json | not one this webhook injects in legacy mode
            """)
    void warnsAboutNonFatalOddities(String fixture, String warning) throws Exception {
        JsonNode response = admit(fixture, fixture(fixture));
        assertTrue(response.path("allowed").asBoolean());
        assertTrue(response.path("warnings").toString().contains(warning), response.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            invalid-min-not-a-number.json   | annotations.scaling.exporter.replica.min: "ten" is not a whole number
            invalid-min-zero.json           | annotations.scaling.exporter.replica.min: "0" is not a whole number
            invalid-min-negative.json       | annotations.scaling.exporter.replica.min: "-3"
            invalid-start.json              | annotations.scaling.exporter.time.start: "25:00" is not a time of day
            invalid-end.json                | annotations.scaling.exporter.time.end: "7pm" is not a time of day
            invalid-end-equals-start.json   | annotations.scaling.exporter.time.end: "19:30" equals
            invalid-days.json               | annotations.scaling.exporter.days: "Mon-Funday"
            invalid-timezone.json           | annotations.scaling.exporter.timezone: "Mars/Olympus" is not an IANA time zone
            invalid-multiplier.json         | annotations.scaling.exporter.event.multiplier: "-2" is not a number > 0
            invalid-event-end.json          | annotations.scaling.exporter.event.end: "tomorrow" is not an ISO-8601 instant
            invalid-missing-end.json        | annotations.scaling.exporter.time.end: missing
            invalid-everything.json         | annotations.scaling.exporter.timezone: "Nowhere"
            """)
    void deniesInvalidAnnotations_with422AndTheParsersMessage(String fixture, String fragment) throws Exception {
        JsonNode review = fixture(fixture);
        JsonNode response = admit(fixture, review);
        assertFalse(response.path("allowed").asBoolean());
        assertFalse(response.has("patch"));
        assertEquals(422, response.path("status").path("code").asInt());
        String message = response.path("status").path("message").asText();
        assertTrue(message.contains(fragment), message);
        assertEquals(expectedMessage(review), message);
    }

    /**
     * HPAs written before the webhook existed (or while it was down) must stay editable: an UPDATE that leaves
     * every problem as it was is allowed, with the problems repeated as a warning.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ratchet-finalizer-removed.json",
        "ratchet-event-multiplier-removed.json",
        "ratchet-scaling-edit.json",
        "ratchet-one-problem-fixed.json",
        "legacy-ratchet-target-renamed.json"
    })
    void allowsAnUpdateThatLeavesInvalidAnnotationsAsTheyWere_repeatingTheProblems(String fixture) throws Exception {
        JsonNode review = fixture(fixture);
        JsonNode response = admit(fixture, review);

        assertTrue(response.path("allowed").asBoolean(), response.toString());
        assertFalse(response.has("status"), response.toString());
        assertEquals(
                List.of("allowed because these prescaling annotations were already invalid before this update;"
                        + " the HPA gets no prescaling until they are fixed: " + expectedMessage(review)),
                warnings(response));
    }

    @Test
    void allowsAnUpdateOfAnHpaBeingDeleted_withoutPatch() throws Exception {
        JsonNode review = fixture("ratchet-being-deleted.json");
        JsonNode response = admit("ratchet-being-deleted.json", review);

        assertTrue(response.path("allowed").asBoolean(), response.toString());
        assertFalse(response.has("patch"));
        assertEquals(
                List.of("allowed although the HPA's prescaling annotations are invalid, because it is being deleted: "
                        + expectedMessage(review)),
                warnings(response));
    }

    @Test
    void removesOnlyTheStaleLegacyBlock_whenInvalidAnnotationsAreAdmittedOnUpdate() throws Exception {
        JsonNode response = admit("legacy-ratchet-target-renamed.json", fixture("legacy-ratchet-target-renamed.json"));
        JsonNode patch = WebhookHarness.json(
                new String(Base64.getDecoder().decode(response.path("patch").asText()), StandardCharsets.UTF_8));

        assertEquals(WebhookHarness.json("[{\"op\":\"remove\",\"path\":\"/spec/metrics/1\"}]"), patch);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            ratchet-changed-to-other-invalid.json  | annotations.scaling.exporter.replica.min: "-1"
            ratchet-new-problem-added.json         | annotations.scaling.exporter.days: "Funday"
            ratchet-start-moved-onto-end.json      | annotations.scaling.exporter.time.end: "23:30" equals
            ratchet-no-old-object.json             | annotations.scaling.exporter.replica.min: "0"
            update-one-required-key-removed.json   | annotations.scaling.exporter.replica.min: missing
            """)
    void stillDeniesAnUpdateThatMakesTheAnnotationsInvalidInANewWay(String fixture, String fragment) throws Exception {
        JsonNode review = fixture(fixture);
        JsonNode response = admit(fixture, review);

        assertFalse(response.path("allowed").asBoolean(), response.toString());
        assertFalse(response.has("patch"));
        assertEquals(422, response.path("status").path("code").asInt());
        assertEquals(
                expectedMessage(review), response.path("status").path("message").asText());
        assertTrue(response.path("status").path("message").asText().contains(fragment));
    }

    /** The install guide's uninstall step must pass the webhook: every key removed in one update per HPA. */
    @Test
    void theReadmesUninstallCommandRemovesEveryKeyInOneAdmittedUpdate() throws Exception {
        List<String> removed = readmeUninstallKeys();
        List<String> every = new ArrayList<>(AnnotationKeys.DEFAULT.userKeys());
        every.addAll(AnnotationKeys.DEFAULT.eventKeys());
        assertEquals(Set.copyOf(every), Set.copyOf(removed), "the uninstall command removes every key");

        JsonNode review = fixture("update-already-right.json");
        ObjectNode object = review.path("request").path("object").deepCopy();
        ObjectNode annotations = (ObjectNode) object.path("metadata").path("annotations");
        removed.forEach(annotations::remove);
        JsonNode response = admit("update-already-right.json", reviewOf(review, object));

        assertTrue(response.path("allowed").asBoolean(), response.toString());
        assertEquals("CPU", summary(patched(object, response).path("spec").path("metrics")));
    }

    @Test
    void namesEveryProblemAtOnce() throws Exception {
        String message = admit("invalid-everything.json", fixture("invalid-everything.json"))
                .path("status")
                .path("message")
                .asText();
        for (String key : List.of("replica.min", "time.start", "time.end", "days", "timezone")) {
            assertTrue(message.contains("annotations.scaling.exporter." + key), key + " in " + message);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "other-deployment.json",
        "other-delete.json",
        "other-status-subresource.json",
        "other-autoscaling-v1.json"
    })
    void allowsUntouched_whatIsNotAnHpaCreateOrUpdate(String fixture) throws Exception {
        JsonNode response = admit(fixture, fixture(fixture));
        assertTrue(response.path("allowed").asBoolean());
        assertFalse(response.has("patch"));
    }

    static Stream<Path> samples() throws IOException {
        return Files.list(Path.of("webhook/samples"))
                .filter(p -> p.toString().endsWith(".json"))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void answersTheOperatorSamples(Path sample) throws Exception {
        JsonNode review = WebhookHarness.json(Files.readString(sample));
        HttpResponse<String> answer = WebhookHarness.post(client, direct.port(), Files.readAllBytes(sample));
        assertEquals(200, answer.statusCode());
        JsonNode response = WebhookHarness.json(answer.body()).path("response");
        assertEquals(
                review.path("request").path("uid").asText(),
                response.path("uid").asText());
        boolean invalid = sample.getFileName().toString().startsWith("invalid");
        assertEquals(!invalid, response.path("allowed").asBoolean());
    }

    static Stream<Path> hostile() throws IOException {
        return Files.list(FIXTURES.resolve("hostile")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void answersEveryHostileBodyWithAWellFormedReview(Path file) throws Exception {
        byte[] body = Files.readAllBytes(file);
        HttpResponse<String> answer = WebhookHarness.post(client, direct.port(), body);

        assertNotEquals(500, answer.statusCode());
        assertTrue(answer.statusCode() == 200 || answer.statusCode() == 400, "status " + answer.statusCode());
        JsonNode review = WebhookHarness.json(answer.body());
        assertEquals("admission.k8s.io/v1", review.path("apiVersion").asText());
        assertEquals("AdmissionReview", review.path("kind").asText());
        JsonNode response = review.path("response");
        assertTrue(response.path("allowed").isBoolean());
        if (answer.statusCode() == 200) {
            assertFalse(response.path("uid").asText().isEmpty(), "a 200 carries the request's uid");
            // Read with Jackson's own encoding detection: a UTF-16 body is valid JSON too.
            String sentUid = WebhookHarness.JSON
                    .readTree(body)
                    .path("request")
                    .path("uid")
                    .asText();
            assertEquals(sentUid, response.path("uid").asText());
        } else {
            assertEquals(400, response.path("status").path("code").asInt());
            assertFalse(response.path("status").path("message").asText().isBlank(), "a 400 says why");
        }
        if (!response.path("allowed").asBoolean()) {
            assertFalse(response.path("status").path("message").asText().isBlank(), "a refusal says why");
        }
    }

    @Test
    void rejectsBodiesOverThreeMebibytes_declaredOrStreamed() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> declared = WebhookHarness.post(client, direct.port(), big);
        assertEquals(413, declared.statusCode());
        assertTrue(WebhookHarness.json(declared.body())
                .path("response")
                .path("status")
                .path("message")
                .asText()
                .contains("larger than"));

        HttpResponse<String> streamed = client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + direct.port() + "/mutate"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, streamed.statusCode());

        byte[] justUnder = new byte[3 * 1024 * 1024 - 10];
        java.util.Arrays.fill(justUnder, (byte) ' ');
        assertEquals(400, WebhookHarness.post(client, direct.port(), justUnder).statusCode());
    }

    @Test
    void stalledClientIsCutOffWhileOthersAreServed() throws Exception {
        SSLContext context = WebhookHarness.trusting(certificateAuthority());
        try (SSLSocket stalled = (SSLSocket) context.getSocketFactory().createSocket("localhost", direct.port())) {
            stalled.setSoTimeout(15_000);
            OutputStream out = stalled.getOutputStream();
            out.write(("POST /mutate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 5000\r\n\r\n{\"apiVersion\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            long started = System.nanoTime();
            JsonNode meanwhile = admit("create-cpu.json", fixture("create-cpu.json"));
            assertTrue(meanwhile.path("allowed").asBoolean(), "another client is served during the stall");

            InputStream in = stalled.getInputStream();
            byte[] answer = in.readAllBytes(); // returns once the server closes the connection
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(waited.compareTo(Duration.ofSeconds(10)) < 0, "cut off after " + waited);
            String text = new String(answer, StandardCharsets.UTF_8);
            assertFalse(text.contains(" 500 "), text);
        }
    }

    @Test
    void servesHealthAndReadiness() throws Exception {
        for (String path : List.of("/healthz", "/readyz")) {
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + direct.port() + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), path);
        }
    }

    // --- helpers

    private static List<String> warnings(JsonNode response) {
        List<String> warnings = new ArrayList<>();
        response.path("warnings").forEach(w -> warnings.add(w.asText()));
        return warnings;
    }

    /** The keys the install guide's uninstall block removes, with its shell variable expanded; one command, no loop. */
    private static List<String> readmeUninstallKeys() throws IOException {
        String readme = Files.readString(Path.of("docs/install.md"));
        String section = readme.substring(readme.indexOf("## Uninstall"));
        String block = section.substring(
                        section.indexOf("```sh") + 5, section.indexOf("```", section.indexOf("```sh") + 5))
                .replace("\\\n", " ");
        List<String> commands = block.lines()
                .map(String::strip)
                .filter(line -> line.startsWith("kubectl annotate"))
                .toList();
        assertEquals(1, commands.size(), "one kubectl annotate command: " + block);
        assertFalse(block.contains("for "), "no loop of single-key updates: " + block);
        String prefix = block.lines()
                .map(String::strip)
                .filter(line -> line.startsWith("p="))
                .map(line -> line.substring(2).split("\\s+")[0])
                .findFirst()
                .orElse("");
        return Stream.of(commands.get(0).split("\\s+"))
                .filter(arg -> arg.endsWith("-") && !arg.startsWith("-"))
                .map(arg -> arg.replace("$p", prefix))
                .map(arg -> arg.substring(0, arg.length() - 1))
                .toList();
    }

    private static java.security.cert.X509Certificate certificateAuthority() throws Exception {
        return io.prescaler.tls.Pem.certificates(Files.readString(certDir.resolve("ca.crt")))
                .get(0);
    }

    static JsonNode fixture(String name) throws IOException {
        return WebhookHarness.JSON.readTree(FIXTURES.resolve(name).toFile());
    }

    /** Sends the review to the server of the fixture's mode; checks the envelope and the uid. */
    static JsonNode admit(String fixture, JsonNode review) throws Exception {
        WebhookServer server = fixture.startsWith("legacy-") ? legacy : direct;
        HttpResponse<String> answer =
                WebhookHarness.post(client, server.port(), WebhookHarness.JSON.writeValueAsBytes(review));
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode body = WebhookHarness.json(answer.body());
        assertEquals("admission.k8s.io/v1", body.path("apiVersion").asText());
        assertEquals("AdmissionReview", body.path("kind").asText());
        JsonNode response = body.path("response");
        assertEquals(
                review.path("request").path("uid").asText(),
                response.path("uid").asText());
        return response;
    }

    private static JsonNode patched(JsonNode object, JsonNode response) throws Exception {
        if (!response.has("patch")) {
            return object;
        }
        assertEquals("JSONPatch", response.path("patchType").asText());
        JsonNode patch = WebhookHarness.json(
                new String(Base64.getDecoder().decode(response.path("patch").asText()), StandardCharsets.UTF_8));
        return Rfc6902.apply(patch, object);
    }

    private static JsonNode reviewOf(JsonNode review, JsonNode object) {
        ObjectNode copy = review.deepCopy();
        ((ObjectNode) copy.path("request")).set("object", object);
        ((ObjectNode) copy.path("request"))
                .put("uid", review.path("request").path("uid").asText());
        return copy;
    }

    private static JsonNode withoutMetrics(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        ((ObjectNode) copy.path("spec")).remove("metrics");
        return copy;
    }

    private static String summary(JsonNode metrics) {
        if (!metrics.isArray() || metrics.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode m : (ArrayNode) metrics) {
            String name = PrescalingMetricBlock.externalMetricName(m);
            if ("Resource".equals(m.path("type").asText())) {
                parts.add(m.path("resource").path("name").asText().toUpperCase(java.util.Locale.ROOT));
            } else if (MetricEncoding.DIRECT.metricName().equals(name)) {
                String hpa = m.at("/external/metric/selector/matchLabels/hpa").asText();
                assertEquals(PrescalingMetricBlock.of(MetricEncoding.DIRECT, hpa, ""), m);
                parts.add("D:" + hpa);
            } else if (PrescalingMetricBlock.isCanonicalLegacy(m)) {
                parts.add("L:"
                        + m.at("/external/metric/selector/matchLabels/deployment")
                                .asText());
            } else if (MetricEncoding.LEGACY.metricName().equals(name)) {
                parts.add("HAND");
            } else {
                parts.add("OTHER");
            }
        }
        return String.join(" ", parts);
    }

    private static String expectedMessage(JsonNode review) {
        Map<String, String> annotations = new LinkedHashMap<>();
        review.path("request")
                .path("object")
                .path("metadata")
                .path("annotations")
                .fields()
                .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        AnnotationReading reading =
                new AnnotationParser(AnnotationKeys.DEFAULT, ZoneId.of("Europe/Paris")).read(annotations);
        return ((AnnotationReading.Invalid) reading).message();
    }
}
