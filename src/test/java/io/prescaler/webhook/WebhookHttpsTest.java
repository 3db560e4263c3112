package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.prescaler.certs.KeyAlgorithm;
import io.prescaler.certs.WebhookCertificates;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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

/**
 * The webhook over real HTTPS: the wire (envelope, uid, base64 JSON Patch, status, warnings) with a few
 * representative fixtures, body limits, a stalled client, health. Every fixture's decision is checked without HTTP
 * in {@link AdmissionReviewerTest}, every hostile body in {@link AdmissionHandlerTest}.
 */
class WebhookHttpsTest {

    @TempDir
    static Path certDir;

    static WebhookServer direct;
    static WebhookServer legacy;
    static SSLContext trust;

    @BeforeAll
    static void start() throws Exception {
        WebhookCertificates certificates = WebhookHarness.issue(KeyAlgorithm.EC);
        certificates.writeTo(certDir);
        direct = WebhookHarness.start(certDir, MetricEncoding.DIRECT, Duration.ofSeconds(10));
        legacy = WebhookHarness.start(certDir, MetricEncoding.LEGACY, Duration.ofSeconds(10));
        trust = WebhookHarness.trusting(certificates.ca());
    }

    @AfterAll
    static void stop() {
        direct.close();
        legacy.close();
    }

    /**
     * Over TLS the answer is exactly the reviewer's decision, encoded: the direct table test
     * ({@link AdmissionReviewerTest}) checks every fixture, these few check the wire.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "create-cpu.json",
        "legacy-create.json",
        "update-duplicate-blocks.json",
        "update-already-right.json",
        "create-capped.json",
        "invalid-everything.json",
        "ratchet-finalizer-removed.json",
        "other-delete.json"
    })
    void answersOverTlsExactlyWhatTheReviewerDecides(String fixture) throws Exception {
        JsonNode review = ReviewFixtures.review(fixture);

        JsonNode response = admit(fixture, review);

        JsonNode decided = WebhookHarness.JSON
                .readTree(new AdmissionReviewCodec().write(AdmissionReviewerTest.admit(fixture, review)))
                .path("response");
        assertEquals(decided, response);
    }

    @Test
    void sendsThePatchAsBase64JsonPatch() throws Exception {
        JsonNode review = ReviewFixtures.review("create-cpu.json");
        JsonNode response = admit("create-cpu.json", review);

        assertTrue(response.path("allowed").asBoolean());
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
        JsonNode patched = Rfc6902.apply(patch, review.path("request").path("object"));
        assertEquals("CPU D:web", ReviewFixtures.summary(patched.path("spec").path("metrics")));
    }

    @ParameterizedTest
    @CsvSource({"update-already-right.json", "update-legacy-block-present.json", "create-not-prescaled.json"})
    void answersWithoutPatchFields_whenNothingIsToChange(String fixture) throws Exception {
        JsonNode response = admit(fixture, ReviewFixtures.review(fixture));
        assertTrue(response.path("allowed").asBoolean());
        assertFalse(response.has("patch"));
        assertFalse(response.has("patchType"));
    }

    @Test
    void sendsADenialAsStatus422WithTheParsersMessage() throws Exception {
        JsonNode review = ReviewFixtures.review("invalid-everything.json");
        JsonNode response = admit("invalid-everything.json", review);

        assertFalse(response.path("allowed").asBoolean());
        assertFalse(response.has("patch"));
        JsonNode status = response.path("status");
        assertEquals("Failure", status.path("status").asText());
        assertEquals(422, status.path("code").asInt());
        assertEquals("Invalid", status.path("reason").asText());
        assertEquals(
                ReviewFixtures.parserMessage(review), status.path("message").asText());
    }

    @Test
    void sendsWarningsAsAnArrayWithoutStatus() throws Exception {
        JsonNode review = ReviewFixtures.review("ratchet-finalizer-removed.json");
        JsonNode response = admit("ratchet-finalizer-removed.json", review);

        assertTrue(response.path("allowed").asBoolean(), response.toString());
        assertFalse(response.has("status"), response.toString());
        assertEquals(
                List.of("allowed because these prescaling annotations were already invalid before this update;"
                        + " the HPA gets no prescaling until they are fixed: "
                        + ReviewFixtures.parserMessage(review)),
                warnings(response));
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
        HttpResponse<String> answer = WebhookHarness.post(client(), direct.port(), Files.readAllBytes(sample));
        assertEquals(200, answer.statusCode());
        JsonNode response = WebhookHarness.json(answer.body()).path("response");
        assertEquals(
                review.path("request").path("uid").asText(),
                response.path("uid").asText());
        boolean invalid = sample.getFileName().toString().startsWith("invalid");
        assertEquals(!invalid, response.path("allowed").asBoolean());
    }

    /** A few hostile bodies over TLS; {@link AdmissionHandlerTest} sends every one of them to the handler. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"empty.json", "no-uid.json", "wrong-kind.json", "binary-random.bin", "utf16.bin"})
    void answersHostileBodiesWithAWellFormedReview(String name) throws Exception {
        byte[] body =
                Files.readAllBytes(ReviewFixtures.DIRECTORY.resolve("hostile").resolve(name));
        HttpResponse<String> answer = WebhookHarness.post(client(), direct.port(), body);

        assertNotEquals(500, answer.statusCode());
        AdmissionHandlerTest.assertWellFormed(body, answer.statusCode(), WebhookHarness.json(answer.body()));
    }

    @Test
    void rejectsBodiesOverThreeMebibytes_declaredOrStreamed() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> declared = WebhookHarness.post(client(), direct.port(), big);
        assertEquals(413, declared.statusCode());
        assertTrue(WebhookHarness.json(declared.body())
                .path("response")
                .path("status")
                .path("message")
                .asText()
                .contains("larger than"));

        HttpResponse<String> streamed = client().send(
                        HttpRequest.newBuilder(URI.create("https://localhost:" + direct.port() + "/mutate"))
                                .POST(HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new java.io.ByteArrayInputStream(big)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(413, streamed.statusCode());

        byte[] justUnder = new byte[3 * 1024 * 1024 - 10];
        java.util.Arrays.fill(justUnder, (byte) ' ');
        assertEquals(
                400, WebhookHarness.post(client(), direct.port(), justUnder).statusCode());
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
            JsonNode meanwhile = admit("create-cpu.json", ReviewFixtures.review("create-cpu.json"));
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
            HttpResponse<String> answer = client().send(
                            HttpRequest.newBuilder(URI.create("https://localhost:" + direct.port() + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), path);
        }
    }

    // --- helpers

    /**
     * A client of its own for each request: the test server closes a connection idle for 1 s, and a pooled connection
     * it is closing as the next request goes out would fail that request with no answer at all.
     */
    private static HttpClient client() {
        return WebhookHarness.client(trust);
    }

    private static List<String> warnings(JsonNode response) {
        List<String> warnings = new ArrayList<>();
        response.path("warnings").forEach(w -> warnings.add(w.asText()));
        return warnings;
    }

    private static java.security.cert.X509Certificate certificateAuthority() throws Exception {
        return io.prescaler.tls.Pem.certificates(Files.readString(certDir.resolve("ca.crt")))
                .get(0);
    }

    /** Sends the review to the server of the fixture's mode; checks the envelope and the uid. */
    static JsonNode admit(String fixture, JsonNode review) throws Exception {
        WebhookServer server = ReviewFixtures.encodingOf(fixture) == MetricEncoding.LEGACY ? legacy : direct;
        HttpResponse<String> answer =
                WebhookHarness.post(client(), server.port(), WebhookHarness.JSON.writeValueAsBytes(review));
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
}
