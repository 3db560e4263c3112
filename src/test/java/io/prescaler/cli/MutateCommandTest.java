package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.prescaler.manifest.ManifestMutator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MutateCommandTest {

    private static final Path DIR = Path.of("src/test/resources/io/prescaler/cli/mutate");
    private static final ObjectMapper YAML = new YAMLMapper();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    private static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            String[] full = new String[args.length + 2];
            full[0] = "mutate";
            full[1] = "--timezone=Europe/Paris";
            System.arraycopy(args, 0, full, 2, args.length);
            int exit = Prescaler.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(err))
                    .execute(full);
            return new Run(exit, out.toString(), err.toString());
        } finally {
            System.setIn(original);
        }
    }

    private static List<JsonNode> documents(String yaml) throws Exception {
        return YAML.readValues(new YAMLFactory().createParser(yaml), JsonNode.class).readAll().stream()
                .filter(d -> d != null && !d.isMissingNode() && !d.isNull())
                .toList();
    }

    @Test
    void injectsTheMetricAndPassesEverythingElseThroughUnchanged() throws Exception {
        String input = Files.readString(DIR.resolve("app.yaml"));
        Run run = run("", DIR.resolve("app.yaml").toString());

        assertEquals(0, run.exit(), run.err());
        String service = input.substring(0, input.indexOf("---"));
        assertTrue(run.out().startsWith(service), "the Service is copied byte for byte, comments included");
        String batch = input.substring(input.indexOf(
                "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: batch"));
        assertTrue(run.out().endsWith(batch), "an HPA without annotations is copied byte for byte");

        List<JsonNode> docs = documents(run.out());
        assertEquals(3, docs.size());
        JsonNode metrics = docs.get(1).path("spec").path("metrics");
        assertEquals(2, metrics.size());
        assertEquals("cpu", metrics.get(0).path("resource").path("name").asText());
        assertEquals(
                "prescaling_min_replicas",
                metrics.get(1).at("/external/metric/name").asText());
        assertEquals(
                "web",
                metrics.get(1).at("/external/metric/selector/matchLabels/hpa").asText());
        assertEquals("1", metrics.get(1).at("/external/target/averageValue").asText());
        assertEquals(
                "19:30",
                docs.get(1)
                        .at("/metadata/annotations/annotations.scaling.exporter.time.start")
                        .asText());
    }

    @Test
    void isIdempotent() throws Exception {
        Run once = run("", DIR.resolve("app.yaml").toString());
        Run twice = run(once.out());
        assertEquals(0, twice.exit());
        assertEquals(once.out(), twice.out());
    }

    @Test
    void legacyModeInjectsTheOriginalBlock() throws Exception {
        Run run = run("", "--metric-mode", "legacy", DIR.resolve("app.yaml").toString());
        JsonNode block =
                documents(run.out()).get(1).path("spec").path("metrics").get(1);
        assertEquals(
                "annotation_scaling_min_replica",
                block.at("/external/metric/name").asText());
        assertEquals(
                "web",
                block.at("/external/metric/selector/matchLabels/deployment").asText());
        assertEquals("10", block.at("/external/target/value").asText());
    }

    @Test
    void failsWithTheWebhooksMessagePrefixedByFileAndDocument_andPrintsNothing() {
        String file = DIR.resolve("invalid.yaml").toString();
        Run run = run("", DIR.resolve("app.yaml").toString(), file);
        assertEquals(1, run.exit());
        assertEquals("", run.out(), "nothing to pipe into kubectl apply");
        assertTrue(
                run.err()
                        .contains(file + ": document 2: invalid prescaling annotations: "
                                + "annotations.scaling.exporter.replica.min: \"lots\" is not a whole number"),
                run.err());
        assertTrue(run.err().contains("annotations.scaling.exporter.time.end: \"19:30\" equals"), run.err());
    }

    @Test
    void injectsTheMetricIntoAnHpaWithOnlyTheSpikeGuard_andRefusesBadSpikeKeysWithTheWebhooksMessage()
            throws Exception {
        String spikeOnly = Files.readString(Path.of("examples/demand/hpa-spike.yaml"));
        Run run = run(spikeOnly, "-");

        assertEquals(0, run.exit(), run.err());
        JsonNode metrics = documents(run.out()).get(0).path("spec").path("metrics");
        assertEquals(
                "prescaling_min_replicas",
                metrics.get(1).at("/external/metric/name").asText());

        Run bad = run(
                spikeOnly.replace(
                        "spike: \"on\"", "spike: \"on\"\n    annotations.scaling.exporter.spike.velocity: \"0%\""),
                "-");
        assertEquals(1, bad.exit());
        assertEquals("", bad.out());
        assertTrue(
                bad.err()
                        .contains(
                                "invalid prescaling annotations: annotations.scaling.exporter.spike.velocity: \"0%\" is 0"),
                bad.err());
    }

    @Test
    void readsStdinForDash_andJoinsSeveralSources() throws Exception {
        String input = Files.readString(DIR.resolve("app.yaml"));
        Run run = run(input, "-", DIR.resolve("app.yaml").toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(6, documents(run.out()).size());
    }

    @Test
    void reportsNonYamlWithItsDocumentNumber() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "kind: ConfigMap\n---\nkey: [unclosed\n");
        Run run = run("", bad.toString());
        assertEquals(1, run.exit());
        assertEquals(
                bad + ": document 2: line 4, column 1: while parsing a flow sequence, expected ',' or ']', but got"
                        + " <stream end>\n",
                run.err());
    }

    @Test
    void missingFileIsBadInput_exit1() {
        Run run = run("", tmp.resolve("nope.yaml").toString());
        assertEquals(1, run.exit());
        assertEquals(tmp.resolve("nope.yaml") + ": no such file\n", run.err());
    }

    @Test
    void answersAResourceListAsAKustomizeFunction() throws Exception {
        Run run = run(Files.readString(DIR.resolve("resource-list.yaml")));
        assertEquals(0, run.exit(), run.err());
        JsonNode list = YAML.readTree(run.out());
        assertEquals("ResourceList", list.path("kind").asText());
        assertEquals("config.kubernetes.io/v1", list.path("apiVersion").asText());
        JsonNode hpa = list.path("items").get(0);
        assertEquals("cpu", hpa.at("/spec/metrics/0/resource/name").asText(), "the API server's default first");
        assertEquals(
                "prescaling_min_replicas",
                hpa.at("/spec/metrics/1/external/metric/name").asText());
        assertEquals(
                "0", hpa.at("/metadata/annotations/config.kubernetes.io~1index").asText());
        assertEquals("Service", list.path("items").get(1).path("kind").asText());
        JsonNode results = list.path("results");
        assertEquals(1, results.size(), results.toString());
        assertEquals("info", results.get(0).path("severity").asText());
        assertEquals(
                ManifestMutator.DEFAULT_METRIC_NOTE,
                results.get(0).path("message").asText());
    }

    private static final JsonNode DEFAULT_CPU_METRIC =
            json("{\"type\":\"Resource\",\"resource\":{\"name\":\"cpu\",\"target\":{\"type\":\"Utilization\","
                    + "\"averageUtilization\":80}}}");

    /**
     * The webhook only ever sees HPAs the API server has defaulted; offline, an HPA without metrics must get the
     * default CPU metric before the External one, or it would lose its reactive scaling.
     */
    @Test
    void addsTheApiServersDefaultCpuMetricFirst_whenMetricsAreAbsentNullOrEmpty() throws Exception {
        String file = DIR.resolve("no-metrics.yaml").toString();
        Run run = run("", file);

        assertEquals(0, run.exit(), run.err());
        List<JsonNode> docs = documents(run.out());
        for (int i = 0; i < 3; i++) {
            JsonNode metrics = docs.get(i).path("spec").path("metrics");
            String name = docs.get(i).at("/metadata/name").asText();
            assertEquals(2, metrics.size(), name);
            assertEquals(DEFAULT_CPU_METRIC, metrics.get(0), name);
            assertEquals(
                    "prescaling_min_replicas",
                    metrics.get(1).at("/external/metric/name").asText(),
                    name);
            assertTrue(
                    run.err()
                            .contains(
                                    file + ": document " + (i + 1) + ": note: " + ManifestMutator.DEFAULT_METRIC_NOTE),
                    run.err());
        }
        String input = Files.readString(DIR.resolve("no-metrics.yaml"));
        assertTrue(
                run.out().endsWith(input.substring(input.indexOf("---\n# Not prescaled"))),
                "an HPA that is not prescaled is left to the API server, byte for byte");
        assertFalse(run.err().contains("document 4"), run.err());
        assertEquals(
                run.out(), run("", DIR.resolve("no-metrics.yaml").toString()).out());
        assertEquals(run.out(), run(run.out()).out(), "idempotent");
    }

    @Test
    void mutatesTheHpasInsideAKubectlList() throws Exception {
        Run run = run("", DIR.resolve("kubectl-get-list.yaml").toString());

        assertEquals(0, run.exit(), run.err());
        List<JsonNode> docs = documents(run.out());
        assertEquals(1, docs.size());
        JsonNode expected = YAML.readTree(DIR.resolve("kubectl-get-list.yaml").toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) expected.at("/items/0/spec/metrics"))
                .add(json("{\"type\":\"External\",\"external\":{\"metric\":{\"name\":\"prescaling_min_replicas\","
                        + "\"selector\":{\"matchLabels\":{\"hpa\":\"web\"}}},"
                        + "\"target\":{\"type\":\"AverageValue\",\"averageValue\":\"1\"}}}"));
        assertEquals(expected, docs.get(0), "only the prescaled HPA's metrics change");
        assertEquals(run.out(), run(run.out()).out(), "idempotent");
    }

    @Test
    void reportsAnInvalidHpaInsideATypedListByDocumentAndItem() {
        String file = DIR.resolve("typed-list-invalid.yaml").toString();
        Run run = run("", file);

        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertTrue(
                run.err()
                        .contains(
                                file + ": document 1: item 2 (HorizontalPodAutoscaler shop/broken): invalid prescaling"
                                        + " annotations: annotations.scaling.exporter.replica.min: \"lots\""),
                run.err());
        assertFalse(run.err().contains("item 1"), run.err());
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Test
    void reportsResourceListProblemsAsErrorResults() throws Exception {
        Run run = run(Files.readString(DIR.resolve("resource-list-invalid.yaml")));
        assertEquals(1, run.exit());
        JsonNode result = YAML.readTree(run.out()).path("results").get(0);
        assertEquals("error", result.path("severity").asText());
        assertTrue(result.path("message").asText().contains("annotations.scaling.exporter.time.end: \"23:61\""));
        assertEquals("web", result.at("/resourceRef/name").asText());
        assertEquals("HorizontalPodAutoscaler", result.at("/resourceRef/kind").asText());
        assertTrue(run.err().contains("item 1 (HorizontalPodAutoscaler shop/web)"), run.err());
    }

    /** picocli reports a description it cannot format (a lone %) on System.err, not on the command's writer. */
    @Test
    void printsItsHelpAndUsageErrorsWithoutAPicocliFormatWarning() {
        java.io.ByteArrayOutputStream picocliErr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(picocliErr, true, StandardCharsets.UTF_8));
        Run help;
        Run usage;
        try {
            help = run("", "--help");
            usage = run("", "--metric-mode", "sideways");
        } finally {
            System.setErr(original);
        }
        assertEquals(0, help.exit());
        assertTrue(help.out().replaceAll("\\s+", " ").contains("(cpu, Utilization 80%)"), help.out());
        assertEquals(2, usage.exit());
        assertEquals("", picocliErr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void warnsThatLegacyModeCannotScaleOnKubernetes133_asPlanDoes() {
        Run run = run("", "--metric-mode", "legacy", DIR.resolve("app.yaml").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(
                run.err()
                        .startsWith("mutate: warning: --metric-mode legacy injects annotation_scaling_min_replica,"
                                + " which Kubernetes >= 1.33 never scales on"),
                run.err());
        assertFalse(run("", DIR.resolve("app.yaml").toString()).err().contains("1.33"));
    }

    @Test
    void answersAResourceListWithItemsThatAreNotAList_withAResourceList() throws Exception {
        Run run = run("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: 5\n");
        assertEquals(1, run.exit());
        JsonNode answer = YAML.readTree(run.out());
        assertEquals("ResourceList", answer.path("kind").asText());
        assertEquals("error", answer.at("/results/0/severity").asText());
        assertFalse(run.err().contains("ArrayNode"), run.err());
    }

    @Test
    void reportsEveryUnreadableInput_andPrintsNothing() throws Exception {
        Path binary = tmp.resolve("logo.png");
        Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Run run = run(
                "",
                DIR.resolve("app.yaml").toString(),
                binary.toString(),
                tmp.resolve("nope.yaml").toString());
        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertEquals(
                binary + ": not text (byte 0x89 at offset 0); expected YAML or JSON in UTF-8\n"
                        + tmp.resolve("nope.yaml") + ": no such file\n",
                run.err());
    }
}
