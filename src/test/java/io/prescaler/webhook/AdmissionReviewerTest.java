package io.prescaler.webhook;

import static io.prescaler.webhook.ReviewFixtures.parserMessage;
import static io.prescaler.webhook.ReviewFixtures.review;
import static io.prescaler.webhook.ReviewFixtures.reviewOf;
import static io.prescaler.webhook.ReviewFixtures.summary;
import static io.prescaler.webhook.ReviewFixtures.withoutMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The webhook's decision without HTTP: every AdmissionReview fixture decoded, reviewed at a fixed instant, and the
 * AdmissionResponse checked (allowed or denied, the status and its message, the warnings, the exact patch and what
 * it leaves in spec.metrics). {@link WebhookHttpsTest} sends a few of the same fixtures over TLS.
 */
class AdmissionReviewerTest {

    private static final AnnotationParser PARSER = new AnnotationParser(AnnotationKeys.DEFAULT, ReviewFixtures.PARIS);
    private static final Clock CLOCK = Clock.fixed(WebhookHarness.NOW, ZoneOffset.UTC);
    private static final AdmissionReviewCodec CODEC = new AdmissionReviewCodec();

    /**
     * Every fixture: the outcome, the patch's operations (op and path; the values are checked through the metrics
     * they leave), and spec.metrics after the patch, summarised as {@link ReviewFixtures#summary} writes it.
     */
    private static final String OUTCOMES =
            """
            create-capped.json                           | PATCHED   | add /spec/metrics/-                       | CPU D:web
            create-cpu.json                              | PATCHED   | add /spec/metrics/-                       | CPU D:web
            create-lead.json                             | PATCHED   | add /spec/metrics/-                       | CPU D:web
            create-empty-metrics.json                    | PATCHED   | add /spec/metrics/-                       | D:web
            create-no-metrics.json                       | PATCHED   | add /spec/metrics                         | D:web
            create-not-prescaled.json                    | UNCHANGED | -                                         | CPU
            create-null-metrics.json                     | PATCHED   | add /spec/metrics                         | D:web
            invalid-days.json                            | DENIED    | -                                         | CPU
            invalid-end-equals-start.json                | DENIED    | -                                         | CPU
            invalid-end.json                             | DENIED    | -                                         | CPU
            invalid-event-end.json                       | DENIED    | -                                         | CPU
            invalid-everything.json                      | DENIED    | -                                         | CPU
            invalid-lead.json                            | DENIED    | -                                         | CPU
            invalid-min-negative.json                    | DENIED    | -                                         | CPU
            invalid-min-not-a-number.json                | DENIED    | -                                         | CPU
            invalid-min-zero.json                        | DENIED    | -                                         | CPU
            invalid-missing-end.json                     | DENIED    | -                                         | CPU
            invalid-multiplier.json                      | DENIED    | -                                         | CPU
            invalid-start.json                           | DENIED    | -                                         | CPU
            invalid-timezone.json                        | DENIED    | -                                         | CPU
            legacy-annotations-removed-hand-written.json | UNCHANGED | -                                         | CPU HAND
            legacy-annotations-removed.json              | PATCHED   | remove /spec/metrics/0                    | CPU
            legacy-create.json                           | PATCHED   | add /spec/metrics/-                       | CPU L:web-deploy
            legacy-hand-written-selector.json            | UNCHANGED | -                                         | CPU HAND
            legacy-mode-switch.json                      | PATCHED   | replace /spec/metrics/0                   | L:web-deploy CPU
            legacy-ratchet-target-renamed.json           | PATCHED   | remove /spec/metrics/1                    | CPU
            legacy-renamed-target.json                   | PATCHED   | replace /spec/metrics/1                   | CPU L:web-deploy
            other-autoscaling-v1.json                    | UNCHANGED | -                                         | -
            other-delete.json                            | UNCHANGED | -                                         | -
            other-deployment.json                        | UNCHANGED | -                                         | -
            other-status-subresource.json                | UNCHANGED | -                                         | -
            ratchet-being-deleted.json                   | UNCHANGED | -                                         | CPU D:web
            ratchet-changed-to-other-invalid.json        | DENIED    | -                                         | CPU
            ratchet-event-multiplier-removed.json        | UNCHANGED | -                                         | CPU
            ratchet-finalizer-removed.json               | UNCHANGED | -                                         | CPU
            ratchet-new-problem-added.json               | DENIED    | -                                         | CPU
            ratchet-no-old-object.json                   | DENIED    | -                                         | CPU
            ratchet-one-problem-fixed.json               | UNCHANGED | -                                         | CPU
            ratchet-scaling-edit.json                    | UNCHANGED | -                                         | CPU
            ratchet-start-moved-onto-end.json            | DENIED    | -                                         | CPU
            uid-with-line-break.json                     | PATCHED   | add /spec/metrics/-                       | CPU D:web\\r\\nforged
            update-already-right.json                    | UNCHANGED | -                                         | CPU D:web
            update-annotations-removed-both-blocks.json  | PATCHED   | remove /spec/metrics/2                    | L:web-deploy CPU
            update-annotations-removed-legacy-block.json | UNCHANGED | -                                         | CPU L:web-deploy
            update-annotations-removed.json              | PATCHED   | remove /spec/metrics/1                    | CPU
            update-duplicate-blocks.json                 | PATCHED   | remove /spec/metrics/3, remove /spec/metrics/2 | D:web CPU
            update-legacy-block-and-direct.json          | PATCHED   | remove /spec/metrics/2                    | CPU L:web-deploy
            update-legacy-block-present.json             | UNCHANGED | -                                         | CPU L:web-deploy
            update-one-required-key-removed.json         | DENIED    | -                                         | CPU D:web
            update-renamed-hpa.json                      | PATCHED   | replace /spec/metrics/0                   | D:web CPU
            """;

    static Stream<Arguments> outcomes() {
        return OUTCOMES.lines().map(line -> {
            String[] cells = line.split("\\|");
            // Line breaks in names (the log-forging fixture) are written \r and \n in the table.
            String metrics = cells[3].strip().replace("\\r", "\r").replace("\\n", "\n");
            return Arguments.of(cells[0].strip(), cells[1].strip(), cells[2].strip(), metrics);
        });
    }

    /** The fixtures of HPAs the webhook admits (the others are denied, or are no HPA create or update). */
    static Stream<String> admittedHpas() {
        return outcomes()
                .filter(a -> !a.get()[1].equals("DENIED"))
                .map(a -> (String) a.get()[0])
                .filter(fixture -> !fixture.startsWith("other-"));
    }

    /** Decodes the fixture as the handler does and asks the reviewer of the fixture's mode. */
    static AdmissionResponse admit(String fixture, JsonNode review) {
        AdmissionReviewCodec.Decoded decoded;
        try {
            decoded = CODEC.read(WebhookHarness.JSON.writeValueAsBytes(review));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        AdmissionRequest request = ((AdmissionReviewCodec.Decoded.Request) decoded).request();
        AdmissionResponse response =
                new AdmissionReviewer(PARSER, ReviewFixtures.encodingOf(fixture), CLOCK).review(request);
        assertEquals(
                review.path("request").path("uid").asText(), response.uid(), "the answer carries the request's uid");
        return response;
    }

    static AdmissionResponse admit(String fixture) {
        return admit(fixture, review(fixture));
    }

    private static JsonNode patched(JsonNode object, AdmissionResponse response) {
        return Rfc6902.apply(response.patch().toJson(), object);
    }

    @Test
    void theTableNamesEveryFixture() {
        Set<String> tabled = outcomes().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        assertEquals(Set.copyOf(ReviewFixtures.all()), tabled);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}: {3}")
    @MethodSource("outcomes")
    void answersEveryFixtureWithTheExpectedOutcomePatchAndMetrics(
            String fixture, String outcome, String operations, String metricsAfter) {
        JsonNode review = review(fixture);
        AdmissionResponse response = admit(fixture, review);
        JsonNode object = review.path("request").path("object");

        assertEquals(outcome, response.allowed() ? (response.isPatched() ? "PATCHED" : "UNCHANGED") : "DENIED");
        assertEquals(operations, ReviewFixtures.operations(response.patch()));
        JsonNode after = patched(object, response);
        assertEquals(metricsAfter, summary(after.path("spec").path("metrics")));
        if (response.allowed()) {
            assertNull(response.status(), "an admission needs no status");
        } else {
            assertEquals(422, response.status().code());
            assertEquals("Invalid", response.status().reason());
            assertEquals(parserMessage(review), response.status().message(), "the denial says what the parser says");
        }
    }

    /** Only spec.metrics may change, and the patched object needs no further patch: the webhook is idempotent. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("admittedHpas")
    void patchesNothingButTheMetricsAndNothingTheSecondTime(String fixture) {
        JsonNode review = review(fixture);
        JsonNode object = review.path("request").path("object");
        AdmissionResponse response = admit(fixture, review);
        assertTrue(response.allowed());
        JsonNode after = patched(object, response);

        assertEquals(withoutMetrics(object), withoutMetrics(after), "only spec.metrics may change");
        AdmissionResponse again = admit(fixture, reviewOf(review, after));
        assertTrue(again.allowed());
        assertFalse(again.isPatched(), "re-admitting the patched object must give no patch: " + again);
    }

    @Test
    void appendsTheExactDirectBlock_whenOtherMetricsExist() {
        AdmissionResponse response = admit("create-cpu.json");

        assertEquals(
                List.of(PatchOperation.add(
                        "/spec/metrics/-",
                        WebhookHarness.JSON.valueToTree(java.util.Map.of(
                                "type",
                                "External",
                                "external",
                                java.util.Map.of(
                                        "metric",
                                        java.util.Map.of(
                                                "name",
                                                "prescaling_min_replicas",
                                                "selector",
                                                java.util.Map.of("matchLabels", java.util.Map.of("hpa", "web"))),
                                        "target",
                                        java.util.Map.of("type", "AverageValue", "averageValue", "1")))))),
                response.patch().operations());
        assertEquals(List.of(), response.warnings());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            create-capped.json               | asks for 50 replicas but spec.maxReplicas is 20: the minimum will be capped at 20
            update-legacy-block-present.json | Kubernetes >= 1.33 never scales on the legacy 11/10 signal
            update-legacy-block-and-direct.json | Kubernetes >= 1.33 never scales on the legacy 11/10 signal
            update-annotations-removed-legacy-block.json | kept the annotation_scaling_min_replica metric in spec.metrics: it is not one this webhook injects in direct mode
            update-annotations-removed-both-blocks.json  | Prescaler's exporter publishes 0 for it forever
            legacy-annotations-removed-hand-written.json | not one this webhook injects in legacy mode
            """)
    void warnsAboutNonFatalOddities(String fixture, String warning) {
        AdmissionResponse response = admit(fixture);

        assertTrue(response.allowed());
        assertEquals(1, response.warnings().size(), response.warnings().toString());
        assertTrue(
                response.warnings().get(0).contains(warning),
                response.warnings().toString());
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
            invalid-lead.json               | annotations.scaling.exporter.lead: "1d" is not shorter than a day: a lead is how long before time.start the window opens
            invalid-everything.json         | annotations.scaling.exporter.timezone: "Nowhere"
            ratchet-changed-to-other-invalid.json  | annotations.scaling.exporter.replica.min: "-1"
            ratchet-new-problem-added.json         | annotations.scaling.exporter.days: "Funday"
            ratchet-start-moved-onto-end.json      | annotations.scaling.exporter.time.end: "23:30" equals
            ratchet-no-old-object.json             | annotations.scaling.exporter.replica.min: "0"
            update-one-required-key-removed.json   | annotations.scaling.exporter.replica.min: missing
            """)
    void deniesInvalidAnnotations_with422AndTheParsersMessage(String fixture, String fragment) {
        AdmissionResponse response = admit(fixture);

        assertFalse(response.allowed());
        assertFalse(response.isPatched());
        assertEquals(422, response.status().code());
        assertTrue(
                response.status().message().contains(fragment),
                response.status().message());
        assertEquals(List.of(), response.warnings());
    }

    /** The lead is one of our keys: admitted with the metric block, and no hint that it is unknown. */
    @Test
    void admitsALeadWithoutWarning() {
        AdmissionResponse response = admit("create-lead.json");

        assertTrue(response.allowed());
        assertTrue(response.isPatched());
        assertEquals(List.of(), response.warnings());
    }

    @Test
    void namesEveryProblemAtOnce() {
        String message = admit("invalid-everything.json").status().message();

        for (String key : List.of("replica.min", "time.start", "time.end", "days", "timezone")) {
            assertTrue(message.contains("annotations.scaling.exporter." + key), key + " in " + message);
        }
    }

    /**
     * HPAs written before the webhook existed (or while it was down) must stay editable: an UPDATE that leaves every
     * problem as it was is allowed, with the problems repeated as a warning.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ratchet-finalizer-removed.json",
        "ratchet-event-multiplier-removed.json",
        "ratchet-scaling-edit.json",
        "ratchet-one-problem-fixed.json",
        "legacy-ratchet-target-renamed.json"
    })
    void allowsAnUpdateThatLeavesInvalidAnnotationsAsTheyWere_repeatingTheProblems(String fixture) {
        JsonNode review = review(fixture);
        AdmissionResponse response = admit(fixture, review);

        assertTrue(response.allowed(), response.toString());
        assertNull(response.status(), response.toString());
        assertEquals(
                List.of("allowed because these prescaling annotations were already invalid before this update;"
                        + " the HPA gets no prescaling until they are fixed: " + parserMessage(review)),
                response.warnings());
    }

    @Test
    void allowsAnUpdateOfAnHpaBeingDeleted_withoutPatch() {
        JsonNode review = review("ratchet-being-deleted.json");
        AdmissionResponse response = admit("ratchet-being-deleted.json", review);

        assertTrue(response.allowed(), response.toString());
        assertFalse(response.isPatched());
        assertEquals(
                List.of("allowed although the HPA's prescaling annotations are invalid, because it is being deleted: "
                        + parserMessage(review)),
                response.warnings());
    }

    @Test
    void removesOnlyTheStaleLegacyBlock_whenInvalidAnnotationsAreAdmittedOnUpdate() {
        AdmissionResponse response = admit("legacy-ratchet-target-renamed.json");

        assertEquals(
                List.of(PatchOperation.remove("/spec/metrics/1")),
                response.patch().operations());
    }

    @ParameterizedTest
    @CsvSource({
        "other-deployment.json",
        "other-delete.json",
        "other-status-subresource.json",
        "other-autoscaling-v1.json"
    })
    void allowsUntouched_whatIsNotAnHpaCreateOrUpdate(String fixture) {
        AdmissionResponse response = admit(fixture);

        assertEquals(AdmissionResponse.allowed(response.uid()), response);
    }

    /** The install guide's uninstall step must pass the webhook: every key removed in one update per HPA. */
    @Test
    void theInstallGuidesUninstallCommandRemovesEveryKeyInOneAdmittedUpdate() throws IOException {
        List<String> removed = uninstallKeys();
        List<String> every = new ArrayList<>(AnnotationKeys.DEFAULT.userKeys());
        every.addAll(AnnotationKeys.DEFAULT.eventKeys());
        every.addAll(AnnotationKeys.DEFAULT.forecastKeys());
        assertEquals(Set.copyOf(every), Set.copyOf(removed), "the uninstall command removes every key");

        JsonNode review = review("update-already-right.json");
        ObjectNode object = review.path("request").path("object").deepCopy();
        ObjectNode annotations = (ObjectNode) object.path("metadata").path("annotations");
        removed.forEach(annotations::remove);
        AdmissionResponse response = admit("update-already-right.json", reviewOf(review, object));

        assertTrue(response.allowed(), response.toString());
        assertEquals("CPU", summary(patched(object, response).path("spec").path("metrics")));
    }

    /** Objects the fixtures do not cover: each answer names what is wrong, or warns why nothing was added. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            /request/object/kind                           | "Deployment" | 400 request.kind says HorizontalPodAutoscaler but request.object is a Deployment
            /request/object/metadata/annotations           | ["a"]        | 400 metadata.annotations is not a map of strings
            /request/object/metadata/annotations/team      | 7            | 400 metadata.annotations.team is not a string
            /request/object                                | "hpa"        | 400 request.object is missing or not a JSON object
            /request/object/metadata/name                  | ""           | allowed: no prescaling metric was added: the HPA has no name yet (generateName); give it a metadata.name so that the metric selector can name it
            """)
    void answersObjectsItCannotPrescale(String pointer, String json, String expected) throws IOException {
        JsonNode review = review("create-cpu.json").deepCopy();
        set(review, pointer, WebhookHarness.JSON.readTree(json));
        ((ObjectNode) review.path("request")).put("name", "");
        AdmissionResponse response = admit("create-cpu.json", review);

        String answer = response.allowed()
                ? "allowed: " + String.join("; ", response.warnings())
                : response.status().code() + " " + response.status().message();
        assertEquals(expected, answer);
        assertFalse(response.isPatched());
    }

    /**
     * The event multiplier counts at the instant of the review (the fixed clock: 2026-03-02T12:00Z): min 10 x 3 is
     * above maxReplicas 20 while the event lasts, and nothing once it has ended.
     */
    @ParameterizedTest(name = "x{0} until {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            3 | 2026-03-02T12:00:01Z | annotations.scaling.exporter.replica.min 10 x event multiplier 3 is above spec.maxReplicas 20: the minimum will be capped at 20 while the event lasts
            3 | 2026-03-02T12:00:00Z | -
            2 | 2026-03-02T18:00:00Z | -
            """)
    void warnsOfACapWhileAnEventLasts(String multiplier, String end, String warning) {
        JsonNode review = review("create-cpu.json").deepCopy();
        ObjectNode annotations = (ObjectNode) review.at("/request/object/metadata/annotations");
        annotations.put(AnnotationKeys.DEFAULT.eventMultiplier(), multiplier);
        annotations.put(AnnotationKeys.DEFAULT.eventName(), "final");
        annotations.put(AnnotationKeys.DEFAULT.eventEnd(), end);

        AdmissionResponse response = admit("create-cpu.json", review);

        assertTrue(response.allowed());
        assertTrue(response.isPatched());
        assertEquals("-".equals(warning) ? List.of() : List.of(warning), response.warnings());
    }

    private static void set(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        ((ObjectNode) root.at(pointer.substring(0, slash))).set(pointer.substring(slash + 1), value);
    }

    /** The keys the install guide's uninstall block removes, with its shell variable expanded; one command, no loop. */
    private static List<String> uninstallKeys() throws IOException {
        String guide = Files.readString(Path.of("docs/install.md"));
        String section = guide.substring(guide.indexOf("## Uninstall"));
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
}
