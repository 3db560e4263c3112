package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.prescaler.certs.KeyAlgorithm;
import io.prescaler.certs.WebhookCertificates;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.MetricEncoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The webhook's decisions for KEDA: AdmissionReviews of ScaledObjects (one Prescaler trigger added, fixed or removed,
 * the team's triggers untouched; bad annotations denied as for an HPA) and of HPAs that KEDA owns (never changed,
 * never denied). Every fixture under {@code src/test/resources/io/prescaler/webhook/keda/} is in the table; a few go
 * over real HTTPS too.
 */
class KedaAdmissionTest {

    static final Path DIRECTORY = Path.of("src/test/resources/io/prescaler/webhook/keda");
    static final String ADDRESS = "prescaler-exporter.prescaler.svc:9090";
    private static final AnnotationParser PARSER = new AnnotationParser(AnnotationKeys.DEFAULT, ReviewFixtures.PARIS);
    private static final Clock CLOCK = Clock.fixed(WebhookHarness.NOW, ZoneOffset.UTC);
    private static final AdmissionReviewCodec CODEC = new AdmissionReviewCodec();

    @TempDir
    static Path certDir;

    static WebhookServer server;

    @BeforeAll
    static void start() throws Exception {
        WebhookCertificates certificates = WebhookHarness.issue(KeyAlgorithm.EC);
        certificates.writeTo(certDir);
        server = WebhookHarness.start(certDir, MetricEncoding.DIRECT, Duration.ofSeconds(10));
        trust = certificates;
    }

    static WebhookCertificates trust;

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode review(String name) {
        try {
            return WebhookHarness.JSON.readTree(DIRECTORY.resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AdmissionResponse admit(JsonNode review) throws IOException {
        AdmissionRequest request = ((AdmissionReviewCodec.Decoded.Request)
                        CODEC.read(WebhookHarness.JSON.writeValueAsBytes(review)))
                .request();
        return new AdmissionReviewer(PARSER, MetricEncoding.DIRECT, CLOCK).review(request);
    }

    /** The triggers in one line: {@code type[:name][@scalerAddress]}, the default address written {@code @us}. */
    static String triggers(JsonNode object) {
        JsonNode triggers = object.path("spec").path("triggers");
        if (triggers.isMissingNode()) {
            return "(none)";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode trigger : triggers) {
            String address = trigger.path("metadata").path("scalerAddress").asText("");
            parts.add(trigger.path("type").asText()
                    + (trigger.has("name") ? ":" + trigger.path("name").asText() : "")
                    + (address.isEmpty() ? "" : "@" + (address.equals(ADDRESS) ? "us" : address)));
        }
        return String.join(" ", parts);
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of("so-create.json", "PATCHED", "add /spec/triggers/-", "cpu external:prescaling@us", "-"),
                Arguments.of(
                        "so-forecast-only.json", "PATCHED", "add /spec/triggers/-", "cpu external:prescaling@us", "-"),
                Arguments.of("so-bad-demand-floors.json", "DENIED", "-", "cpu", "-"),
                Arguments.of(
                        "so-create-no-triggers.json", "PATCHED", "add /spec/triggers", "external:prescaling@us", "-"),
                Arguments.of("so-update-already-right.json", "UNCHANGED", "-", "cpu external:prescaling@us", "-"),
                Arguments.of(
                        "so-update-stale-address.json",
                        "PATCHED",
                        "replace /spec/triggers/1",
                        "cpu external:prescaling@us",
                        "-"),
                Arguments.of(
                        "so-update-duplicates.json",
                        "PATCHED",
                        "remove /spec/triggers/2",
                        "external:prescaling@us cpu",
                        "-"),
                Arguments.of(
                        "so-hand-written-address.json",
                        "PATCHED",
                        "replace /spec/triggers/0",
                        "external:prescaling@us cpu",
                        "-"),
                Arguments.of("so-annotations-removed.json", "PATCHED", "remove /spec/triggers/1", "cpu", "-"),
                Arguments.of(
                        "so-annotations-removed-only-trigger.json",
                        "UNCHANGED",
                        "-",
                        "external:prescaling@us",
                        "it is its only trigger, and KEDA needs one"),
                Arguments.of("so-invalid.json", "DENIED", "-", "cpu", "-"),
                Arguments.of(
                        "so-ratchet-unchanged.json",
                        "UNCHANGED",
                        "-",
                        "cpu",
                        "allowed because these prescaling annotations were already invalid before this update"),
                Arguments.of(
                        "so-other-external-scaler.json",
                        "PATCHED",
                        "add /spec/triggers/-",
                        "external:queue@queue-scaler.queues.svc:6000 cpu external:prescaling@us",
                        "-"),
                Arguments.of(
                        "so-external-push-kept.json",
                        "PATCHED",
                        "replace /spec/triggers/1",
                        "cpu external-push:prescaling@us",
                        "-"),
                Arguments.of(
                        "so-capped-default-max.json",
                        "PATCHED",
                        "add /spec/triggers/-",
                        "cpu external:prescaling@us",
                        "annotations.scaling.exporter.replica.min asks for 150 replicas but spec.maxReplicaCount is"
                                + " 100 (KEDA's default): the minimum will be capped at 100"),
                Arguments.of("so-not-prescaled.json", "UNCHANGED", "-", "cpu", "-"),
                Arguments.of("so-status-subresource.json", "UNCHANGED", "-", "cpu", "-"),
                // KEDA copies the ScaledObject's annotations onto its HPA: with the trigger's metric there, all is
                // well.
                Arguments.of("hpa-keda-owned-annotated.json", "UNCHANGED", "-", "(none)", "-"),
                Arguments.of(
                        "hpa-keda-owned-no-trigger.json",
                        "UNCHANGED",
                        "-",
                        "(none)",
                        "this HPA is owned by KEDA ScaledObject web, which rewrites it: the webhook leaves it"
                                + " unchanged; put the prescaling annotations on ScaledObject web instead"),
                Arguments.of("hpa-keda-owned-plain.json", "UNCHANGED", "-", "(none)", "-"),
                Arguments.of(
                        "hpa-keda-owned-invalid.json",
                        "UNCHANGED",
                        "-",
                        "(none)",
                        "this HPA is owned by KEDA ScaledObject web"));
    }

    @Test
    void theTableNamesEveryFixture() throws IOException {
        Set<String> tabled = outcomes().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            assertEquals(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()), tabled);
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}: {3}")
    @MethodSource("outcomes")
    void answersEveryFixture(String fixture, String outcome, String operations, String triggersAfter, String warning)
            throws IOException {
        JsonNode review = review(fixture);
        AdmissionResponse response = admit(review);
        JsonNode object = review.path("request").path("object");
        assertEquals(review.path("request").path("uid").asText(), response.uid());
        String actual = !response.allowed() ? "DENIED" : response.isPatched() ? "PATCHED" : "UNCHANGED";
        assertEquals(outcome, actual, String.valueOf(response.status()));
        assertEquals(
                operations,
                response.patch().operations().isEmpty()
                        ? "-"
                        : response.patch().operations().stream()
                                .map(op -> op.op() + " " + op.path())
                                .collect(Collectors.joining(", ")));
        JsonNode after = Rfc6902.apply(response.patch().toJson(), object);
        assertEquals(triggersAfter, triggers(after));
        if (warning.equals("-")) {
            assertEquals(List.of(), response.warnings());
        } else {
            assertEquals(1, response.warnings().size(), response.warnings().toString());
            assertTrue(
                    response.warnings().get(0).contains(warning),
                    response.warnings().get(0));
        }
        if (response.allowed()) {
            // Idempotent: the patched object, reviewed again, needs no further patch.
            JsonNode again = review.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) again.path("request")).set("object", after);
            assertFalse(admit(again).isPatched(), "a second review of the patched object changes nothing");
        }
    }

    @Test
    void deniesBadForecastAndSpikeKeysInTheSameMessage() throws IOException {
        AdmissionResponse response = admit(review("so-bad-demand-floors.json"));
        assertFalse(response.allowed());
        String message = response.status().message();
        assertTrue(message.contains("annotations.scaling.exporter.forecast.horizon"), message);
        assertTrue(message.contains("annotations.scaling.exporter.spike"), message);
    }

    @Test
    void deniesBadAnnotationsNamingEveryKeyAsForAnHpa() throws IOException {
        AdmissionResponse response = admit(review("so-invalid.json"));
        assertFalse(response.allowed());
        assertEquals(422, response.status().code());
        String message = response.status().message();
        assertTrue(message.startsWith("invalid prescaling annotations: "), message);
        assertTrue(message.contains("annotations.scaling.exporter.replica.min"), message);
        assertTrue(message.contains("annotations.scaling.exporter.time.end"), message);
        assertEquals(
                ((io.prescaler.schedule.AnnotationReading.Invalid) PARSER.read(AdmissionReviewer.annotations(
                                review("so-invalid.json").path("request").path("object"))))
                        .message(),
                message,
                "the very message an HPA with these annotations is denied with");
    }

    @Test
    void fixesOurTriggerButKeepsWhatTheTeamAddedToIt() throws IOException {
        JsonNode review = review("so-update-stale-address.json");
        AdmissionResponse response = admit(review);
        JsonNode fixed = response.patch().operations().get(0).value();
        assertEquals(ADDRESS, fixed.path("metadata").path("scalerAddress").asText());
        assertTrue(fixed.path("metadata").path("caCert").asText().startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals("AverageValue", fixed.path("metricType").asText());
    }

    @Test
    void pointsTheTriggerAtTheConfiguredAddress() throws IOException {
        AdmissionRequest request = ((AdmissionReviewCodec.Decoded.Request)
                        CODEC.read(WebhookHarness.JSON.writeValueAsBytes(review("so-create.json"))))
                .request();
        AdmissionResponse response = new AdmissionReviewer(
                        PARSER, MetricEncoding.DIRECT, CLOCK, new ScalerTrigger("scaler.keda-tools.svc:7000"))
                .review(request);
        assertEquals(
                "{\"type\":\"external\",\"name\":\"prescaling\",\"metricType\":\"AverageValue\","
                        + "\"metadata\":{\"scalerAddress\":\"scaler.keda-tools.svc:7000\"}}",
                response.patch().operations().get(0).value().toString());
    }

    /** Over TLS the answer is exactly the reviewer's decision, encoded. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"so-create.json", "so-update-stale-address.json", "so-invalid.json", "hpa-keda-owned-no-trigger.json"})
    void answersOverTlsExactlyWhatTheReviewerDecides(String fixture) throws Exception {
        JsonNode review = review(fixture);
        HttpResponse<String> answer = WebhookHarness.post(
                WebhookHarness.client(WebhookHarness.trusting(trust.ca())),
                server.port(),
                WebhookHarness.JSON.writeValueAsBytes(review));
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode response = WebhookHarness.json(answer.body()).path("response");
        JsonNode decided =
                WebhookHarness.JSON.readTree(CODEC.write(admit(review))).path("response");
        assertEquals(decided, response);
        assertEquals(
                review.path("request").path("uid").asText(),
                response.path("uid").asText());
    }
}
