package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.MetricEncoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Body in, answer out, without a socket: every hostile body gets a well-formed AdmissionReview, with the request's
 * uid when one could be read (HTTP 200), else HTTP 400 saying why. {@link WebhookHttpsTest} sends a few over TLS.
 */
class AdmissionHandlerTest {

    private final AdmissionHandler handler = new AdmissionHandler(new AdmissionReviewer(
            new AnnotationParser(AnnotationKeys.DEFAULT, ReviewFixtures.PARIS),
            MetricEncoding.DIRECT,
            Clock.fixed(WebhookHarness.NOW, ZoneOffset.UTC)));

    static Stream<Path> hostile() throws IOException {
        try (var files = Files.list(ReviewFixtures.DIRECTORY.resolve("hostile"))) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void answersEveryHostileBodyWithAWellFormedReview(Path file) throws Exception {
        byte[] body = Files.readAllBytes(file);

        AdmissionHandler.Answer answer = handler.handle(body);

        assertWellFormed(body, answer.status(), WebhookHarness.JSON.readTree(answer.body()));
    }

    /** What any answer to a hostile body must be, whether it came from the handler or over HTTPS. */
    static void assertWellFormed(byte[] body, int status, JsonNode review) throws IOException {
        assertTrue(status == 200 || status == 400, "status " + status);
        assertEquals("admission.k8s.io/v1", review.path("apiVersion").asText());
        assertEquals("AdmissionReview", review.path("kind").asText());
        JsonNode response = review.path("response");
        assertTrue(response.path("allowed").isBoolean());
        if (status == 200) {
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
}
