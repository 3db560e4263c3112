package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationProblem;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.spike.SpikeAnnotations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The AdmissionReview fixtures under {@code src/test/resources/io/prescaler/webhook}, shaped as the kube-apiserver
 * sends them, and what the tests read out of an object: its metrics summarised, the object without its metrics, the
 * parser's message for its annotations. Shared by the direct reviewer test and the HTTPS wire test.
 */
final class ReviewFixtures {

    static final Path DIRECTORY = Path.of("src/test/resources/io/prescaler/webhook");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private ReviewFixtures() {}

    static JsonNode review(String name) {
        try {
            return WebhookHarness.JSON.readTree(DIRECTORY.resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fixtures named {@code legacy-*} are written for a webhook in legacy mode, every other for direct mode. */
    static MetricEncoding encodingOf(String name) {
        return name.startsWith("legacy-") ? MetricEncoding.LEGACY : MetricEncoding.DIRECT;
    }

    /** Every fixture file directly in the directory (not the hostile bodies below it). */
    static List<String> all() {
        try (var files = Files.list(DIRECTORY)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The review with its object replaced, same uid: what the API server sends when the object is written again. */
    static JsonNode reviewOf(JsonNode review, JsonNode object) {
        ObjectNode copy = review.deepCopy();
        ((ObjectNode) copy.path("request")).set("object", object);
        return copy;
    }

    static JsonNode withoutMetrics(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.path("spec") instanceof ObjectNode spec) {
            spec.remove("metrics");
        }
        return copy;
    }

    /**
     * An object's spec.metrics summarised: CPU, D:hpa (the exact direct block selecting that HPA), L:deployment (the
     * exact legacy block), HAND (a hand-written legacy block), OTHER, "-" for none.
     */
    static String summary(JsonNode metrics) {
        if (!metrics.isArray() || metrics.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode m : (ArrayNode) metrics) {
            String name = PrescalingMetricBlock.externalMetricName(m);
            if ("Resource".equals(m.path("type").asText())) {
                parts.add(m.path("resource").path("name").asText().toUpperCase(Locale.ROOT));
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

    /** A patch's operations as "op path" (the values are checked through the metrics they leave), "-" for none. */
    static String operations(JsonPatch patch) {
        return patch.isEmpty()
                ? "-"
                : patch.operations().stream()
                        .map(op -> op.op() + " " + op.path())
                        .collect(Collectors.joining(", "));
    }

    /** The parser's own message for the object's (invalid) annotations: the webhook must say exactly this. */
    static String parserMessage(JsonNode review) {
        Map<String, String> annotations = new LinkedHashMap<>();
        review.path("request")
                .path("object")
                .path("metadata")
                .path("annotations")
                .fields()
                .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        AnnotationReading reading = new AnnotationParser(AnnotationKeys.DEFAULT, PARIS).read(annotations);
        List<AnnotationProblem> problems = new ArrayList<>();
        if (reading instanceof AnnotationReading.Invalid invalid) {
            problems.addAll(invalid.problems());
        }
        problems.addAll(
                new SpikeAnnotations(AnnotationKeys.DEFAULT).read(annotations).problems());
        return new AnnotationReading.Invalid(problems).message();
    }
}
