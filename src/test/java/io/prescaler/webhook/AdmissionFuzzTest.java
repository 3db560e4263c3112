package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prescaler.certs.KeyAlgorithm;
import io.prescaler.certs.WebhookCertificates;
import io.prescaler.schedule.MetricEncoding;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook's fixtures, mutated at random (seeded: a failure names its seed and case and replays), sent over real
 * HTTPS to a real server: every answer is an AdmissionReview, never a 5xx, with the request's uid when it had a
 * readable one, and within the admission budget. Bounded in requests and in time so that it runs in every build.
 */
class AdmissionFuzzTest {

    private static final long SEED = 20261201L;
    private static final int MAX_CASES = 300;
    private static final Duration TIME_BOX = Duration.ofSeconds(20);
    /** The API server's default webhook timeout: an answer after it is as good as none. */
    private static final Duration ADMISSION_BUDGET = Duration.ofSeconds(10);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> HOSTILE_VALUES = List.of(
            "1e-999999999",
            "1e999999999",
            "-1e-999999999",
            "NaN",
            "Infinity",
            "-0",
            "0x10",
            "99999999999999999999999999",
            "1.0000000000000000000000000001",
            "",
            " ",
            "\u0000",
            "a\nb",
            "\r\n2026-12-01T00:00:00Z INFO forged",
            "\u202e\u0635\ud83d\ude00",
            "mon-sun-mon-sun-mon",
            "00:00-24:00",
            "99:99",
            "Europe/Atlantis",
            "* * * * * * *",
            "x".repeat(70_000));

    @TempDir
    Path certDir;

    @Test
    void everyMutatedReviewIsAnsweredWithItsUidNeverA5xxAndWithinTheBudget() throws Exception {
        WebhookCertificates certificates = WebhookHarness.issue(KeyAlgorithm.EC);
        certificates.writeTo(certDir);
        HttpClient client = WebhookHarness.client(WebhookHarness.trusting(certificates.ca()));
        List<JsonNode> fixtures = fixtures();
        Random random = new Random(SEED);
        long deadline = System.nanoTime() + TIME_BOX.toNanos();
        int sent = 0;
        try (WebhookServer server =
                WebhookHarness.start(certDir, MetricEncoding.DIRECT, Duration.ofMinutes(1), Duration.ofSeconds(10))) {
            for (; sent < MAX_CASES && System.nanoTime() < deadline; sent++) {
                JsonNode review = fixtures.get(random.nextInt(fixtures.size())).deepCopy();
                List<String> mutations = new ArrayList<>();
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    review = mutate(review, random, mutations);
                }
                check(client, server.port(), review, "seed " + SEED + ", case " + sent + ": " + mutations);
            }
        }
        assertTrue(sent >= 30, "only " + sent + " cases in " + TIME_BOX + ": the webhook is too slow to fuzz");
    }

    private static void check(HttpClient client, int port, JsonNode review, String label) throws Exception {
        byte[] body = WebhookHarness.JSON.writeValueAsBytes(review);
        long started = System.nanoTime();
        HttpResponse<String> answer = WebhookHarness.post(client, port, body);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(answer.statusCode() < 500, label + ": status " + answer.statusCode() + " " + answer.body());
        assertTrue(took.compareTo(ADMISSION_BUDGET) < 0, label + ": answered after " + took);
        JsonNode answered = WebhookHarness.json(answer.body());
        assertEquals("admission.k8s.io/v1", answered.path("apiVersion").asText(), label);
        assertEquals("AdmissionReview", answered.path("kind").asText(), label);
        JsonNode response = answered.path("response");
        assertTrue(response.path("allowed").isBoolean(), label + ": " + answer.body());
        String uid = readableUid(review);
        if (uid != null) {
            assertEquals(200, answer.statusCode(), label + ": " + answer.body());
            assertEquals(uid, response.path("uid").asText(), label);
        } else {
            assertEquals(400, answer.statusCode(), label + ": " + answer.body());
        }
        if (!response.path("allowed").asBoolean()) {
            assertTrue(!response.path("status").path("message").asText().isBlank(), label + ": a refusal says why");
        }
    }

    /** The uid the webhook must echo: a non-blank string of at most 256 characters in a request object. */
    private static String readableUid(JsonNode review) {
        JsonNode uid = review.path("request").path("uid");
        return review.isObject()
                        && review.path("request").isObject()
                        && uid.isTextual()
                        && !uid.asText().isBlank()
                        && uid.asText().length() <= 256
                ? uid.asText()
                : null;
    }

    /** One random change somewhere in the review; the root may be replaced. */
    private static JsonNode mutate(JsonNode review, Random random, List<String> said) {
        int kind = random.nextInt(7);
        if (kind == 0 || kind == 1) {
            ObjectNode annotations = annotations(review);
            if (annotations != null) {
                String key = prescalingKey(random, annotations);
                String value = HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
                annotations.put(key, value);
                said.add("annotation " + key + "=" + shortened(value));
                return review;
            }
        }
        if (kind == 2 && review.path("request").isObject()) {
            String uid = random.nextBoolean() ? "fuzz\n" + random.nextInt() : "\u00e9\u202e" + random.nextInt();
            ((ObjectNode) review.path("request")).put("uid", uid);
            said.add("uid " + shortened(uid));
            return review;
        }
        List<Slot> slots = new ArrayList<>();
        collect(review, slots, 0);
        if (slots.isEmpty()) {
            said.add("root replaced");
            return replacement(random, 2);
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        if (kind == 3 && slot.parent() instanceof ObjectNode object) {
            object.remove(slot.name());
            said.add("removed " + slot.name());
        } else {
            JsonNode value = kind == 4 ? deep(random.nextInt(400) + 50) : replacement(random, 2);
            slot.set(value);
            said.add((kind == 4 ? "deep at " : "replaced ") + slot.name() + " with " + shortened(value.toString()));
        }
        return review;
    }

    private static ObjectNode annotations(JsonNode review) {
        JsonNode metadata = review.path("request").path("object").path("metadata");
        if (!metadata.isObject()) {
            return null;
        }
        JsonNode annotations = metadata.path("annotations");
        return annotations.isObject() ? (ObjectNode) annotations : ((ObjectNode) metadata).putObject("annotations");
    }

    private static String prescalingKey(Random random, ObjectNode annotations) {
        List<String> keys = new ArrayList<>();
        annotations.fieldNames().forEachRemaining(keys::add);
        keys.addAll(List.of(
                "annotations.scaling.exporter.replica.min",
                "annotations.scaling.exporter.time.start",
                "annotations.scaling.exporter.time.end",
                "annotations.scaling.exporter.event.multiplier",
                "annotations.scaling.exporter.timezone"));
        return keys.get(random.nextInt(keys.size()));
    }

    private static JsonNode replacement(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 9 : 7)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(new java.math.BigDecimal("1e-" + (1 + random.nextInt(999))));
            case 4 -> NODES.textNode("y".repeat(random.nextInt(200_000)));
            case 5 -> NODES.textNode("\n\"\\\u0000\u2028" + random.nextInt());
            case 6 -> NODES.textNode("");
            case 7 -> NODES.arrayNode().add(replacement(random, depth - 1)).add(replacement(random, depth - 1));
            default -> NODES.objectNode().set("k" + random.nextInt(9), replacement(random, depth - 1));
        };
    }

    private static JsonNode deep(int depth) {
        JsonNode node = NODES.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("d", node);
        }
        return node;
    }

    /** A place in the tree a value can be put. */
    private record Slot(JsonNode parent, String name, int index) {
        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(name, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> slots, int depth) {
        if (depth > 12) {
            return;
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                slots.add(new Slot(object, name, -1));
                collect(object.get(name), slots, depth + 1);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, "[" + i + "]", i));
                collect(array.get(i), slots, depth + 1);
            }
        }
    }

    private static String shortened(String value) {
        String oneLine = value.replace("\n", "\\n");
        return oneLine.length() > 60 ? oneLine.substring(0, 60) + "...(" + oneLine.length() + ")" : oneLine;
    }

    private static List<JsonNode> fixtures() throws Exception {
        List<JsonNode> fixtures = new ArrayList<>();
        for (Path dir : List.of(Path.of("src/test/resources/io/prescaler/webhook"), Path.of("webhook/samples"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json"))
                        .sorted()
                        .toList()) {
                    fixtures.add(WebhookHarness.JSON.readTree(file.toFile()));
                }
            }
        }
        return fixtures;
    }
}
