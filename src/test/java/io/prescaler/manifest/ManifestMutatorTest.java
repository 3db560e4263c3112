package io.prescaler.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.prescaler.input.InputText;
import io.prescaler.input.YamlReader;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.webhook.AdmissionReviewer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestMutatorTest {

    private static final Path DIR = Path.of("src/test/resources/io/prescaler/manifest");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-27T10:00:00Z"), PARIS);
    private static final String PRESCALING_ENTRY_NAME = "name: prescaling_min_replicas";

    private static ManifestMutator mutator() {
        AnnotationParser parser = new AnnotationParser(AnnotationKeys.DEFAULT, PARIS);
        return new ManifestMutator(new AdmissionReviewer(parser, MetricEncoding.DIRECT, CLOCK), AnnotationKeys.DEFAULT);
    }

    private static ManifestMutator.Result mutate(String name, String text) {
        return mutator().mutate(new InputText(name, text), false);
    }

    private static ManifestMutator.Result mutateFile(String fixture) throws IOException {
        return mutate(fixture, Files.readString(DIR.resolve(fixture)));
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("examples"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /**
     * Every file in examples/ comes out with every line kept, in order; the only lines added, if any, are one
     * prescaling metric entry (examples/krm/hpa.yaml has none: that example is there to get it).
     */
    @ParameterizedTest
    @MethodSource("examples")
    void changesNoLineOfAnyExample_butAddsTheMissingMetricEntry(Path example) throws IOException {
        String text = Files.readString(example);
        ManifestMutator.Result result = mutate(example.toString(), text);

        assertEquals(List.of(), result.errors());
        List<String> added = addedLines(text, result.output());
        if (!added.isEmpty()) {
            assertEquals("- type: External", added.get(0).strip(), String.join("\n", added));
            assertEquals("name: prescaling_min_replicas", added.get(3).strip(), String.join("\n", added));
            assertEquals(10, added.size(), String.join("\n", added));
            List<String> out = List.of(result.output().split("\n", -1));
            int first = out.indexOf(added.get(0));
            assertEquals(added, out.subList(first, first + added.size()), "the added lines are one block");
        }
        assertEquals(result.output(), mutate("again", result.output()).output(), "idempotent");
    }

    /**
     * With its prescaling entry taken out, each example HPA gets it back as the only change: the rest of the file
     * (comments, key order, quoting, indentation) is untouched, so the output is the original example again.
     */
    @ParameterizedTest
    @MethodSource("examples")
    void putsBackTheRemovedPrescalingEntry_andChangesNoOtherLine(Path example) throws IOException {
        String original = Files.readString(example);
        if (!original.contains(PRESCALING_ENTRY_NAME)) {
            return;
        }
        String stripped = withoutPrescalingEntries(original);
        ManifestMutator.Result result = mutate(example.toString(), stripped);
        assertEquals(List.of(), result.errors());
        assertEquals(original, result.output());
    }

    /** The text without the lines of each {@code - type: External} entry naming prescaling_min_replicas. */
    private static String withoutPrescalingEntries(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("- type: External")) {
                continue;
            }
            int dash = lines.get(i).indexOf('-');
            int end = i + 1;
            while (end < lines.size()
                    && !lines.get(end).isBlank()
                    && lines.get(end).length() - lines.get(end).stripLeading().length() > dash) {
                end++;
            }
            if (String.join("\n", lines.subList(i, end)).contains(PRESCALING_ENTRY_NAME)) {
                lines.subList(i, end).clear();
                i--;
            }
        }
        return String.join("\n", lines);
    }

    @Test
    void keepsACommentedHpasFormatting_theDiffIsTheMetricEntryAlone() throws IOException {
        String input = Files.readString(DIR.resolve("commented-hpa.yaml"));
        ManifestMutator.Result result = mutate("commented-hpa.yaml", input);

        assertEquals(List.of(), result.errors());
        assertEquals(Files.readString(DIR.resolve("commented-hpa.mutated.yaml")), result.output());
        List<String> added = addedLines(input, result.output());
        assertEquals(10, added.size(), String.join("\n", added));
        assertEquals("    - type: External", added.get(0));
        assertEquals("          averageValue: \"1\"", added.get(9));
        assertEquals(result.output(), mutate("again", result.output()).output(), "idempotent");
    }

    /** The output's lines that are not the input's, when the input's lines all appear in order in the output. */
    private static List<String> addedLines(String input, String output) {
        List<String> in = List.of(input.split("\n", -1));
        List<String> out = List.of(output.split("\n", -1));
        List<String> added = new ArrayList<>();
        int i = 0;
        for (String line : out) {
            if (i < in.size() && in.get(i).equals(line)) {
                i++;
            } else {
                added.add(line);
            }
        }
        assertEquals(in.size(), i, "every input line is kept, in order");
        return added;
    }

    @Test
    void fixesAStaleEntryInPlace_andRemovesOneWhoseAnnotationsAreGone_keepingTheComments() throws IOException {
        String input = Files.readString(DIR.resolve("stale-selector.yaml"));
        ManifestMutator.Result result = mutate("stale-selector.yaml", input);

        assertEquals(List.of(), result.errors());
        String expected = input.replace("            hpa: web\n", "            hpa: storefront\n")
                .replace(
                        """
                          - type: External
                            external:
                              metric:
                                name: prescaling_min_replicas
                                selector:
                                  matchLabels:
                                    hpa: batch
                              target:
                                type: AverageValue
                                averageValue: "1"
                        """,
                        "");
        assertEquals(expected, result.output());
    }

    @Test
    void resolvesAliasesAsKubectlDoes_neverWritingTheAnchorsName() throws IOException {
        ManifestMutator.Result result = mutateFile("anchors.yaml");

        assertEquals(List.of(), result.errors());
        JsonNode hpa = YamlReader.read(result.output()).documents().get(0).tree();
        assertEquals("web", hpa.at("/spec/scaleTargetRef/name").asText());
        assertEquals(40, hpa.at("/spec/maxReplicas").asInt());
        assertEquals(
                "web",
                hpa.at("/spec/metrics/1/external/metric/selector/matchLabels/hpa")
                        .asText());
        assertFalse(result.output().contains("hpa: name"), result.output());
        assertTrue(result.output().contains("name: *name}"), "the aliases stay as written");
    }

    @Test
    void mutatesAnHpaWrittenOnTheDocumentStartLine() throws IOException {
        ManifestMutator.Result result = mutateFile("document-start-line.yaml");

        assertEquals(
                List.of("document-start-line.yaml: document 2: invalid prescaling annotations:"
                        + " annotations.scaling.exporter.replica.min: \"lots\" is not a whole number of replicas >= 1"
                        + " (for example \"25\")"),
                result.errors());
        List<JsonNode> documents = YamlReader.read(result.output()).documents().stream()
                .map(d -> d.tree())
                .toList();
        assertEquals(
                "prescaling_min_replicas",
                documents.get(0).at("/spec/metrics/1/external/metric/name").asText());
    }

    @Test
    void refusesPrescaledAutoscalingV1AndV2beta2_passesOverAnUnprescaledOne_andMutatesTheRest() throws IOException {
        ManifestMutator.Result result = mutateFile("old-api-versions.yaml");

        assertEquals(
                List.of(
                        "old-api-versions.yaml: document 1: HorizontalPodAutoscaler shop/legacy-web is autoscaling/v1,"
                                + " which cannot carry the External metric prescaling adds: convert it to"
                                + " autoscaling/v2 (spec.targetCPUUtilizationPercentage becomes a Resource metric in"
                                + " spec.metrics)",
                        "old-api-versions.yaml: document 2: HorizontalPodAutoscaler shop/beta-web is"
                                + " autoscaling/v2beta2, which cannot carry the External metric prescaling adds:"
                                + " convert it to autoscaling/v2"),
                result.errors());
        assertEquals(List.of(), result.warnings(), "plain-v1 is passed over silently");
        assertTrue(result.output().contains(PRESCALING_ENTRY_NAME), "the autoscaling/v2 HPA is still mutated");
    }

    @Test
    void notesPrescalingAnnotationsOnAnObjectThatIsNotAnHpa() throws IOException {
        ManifestMutator.Result result = mutateFile("annotations-on-a-deployment.yaml");

        assertEquals(List.of(), result.errors());
        assertEquals(
                List.of("annotations-on-a-deployment.yaml: document 1: note: Deployment shop/web carries prescaling"
                        + " annotations (annotations.scaling.exporter.replica.min,"
                        + " annotations.scaling.exporter.time.start, annotations.scaling.exporter.time.end), which"
                        + " only a HorizontalPodAutoscaler reads: move them to the HPA's metadata.annotations"),
                result.warnings());
        assertEquals(Files.readString(DIR.resolve("annotations-on-a-deployment.yaml")), result.output());
    }

    @Test
    void namesAWrongTypedFieldWithItsPathPositionAndFix() throws IOException {
        ManifestMutator.Result result = mutateFile("wrong-types.yaml");

        assertEquals(
                List.of(
                        "wrong-types.yaml: document 1: line 7, column 47:"
                                + " metadata.annotations.annotations.scaling.exporter.replica.min: expected a string,"
                                + " got 10 (a number): quote it: \"10\"",
                        "wrong-types.yaml: document 2: line 17, column 9: metadata.name: expected a string, got a"
                                + " list",
                        "wrong-types.yaml: document 3: line 28, column 16: spec.minReplicas: expected a whole"
                                + " number, got \"3\" (a string): remove the quotes"),
                result.errors());
    }

    @Test
    void reportsAnInputThatIsNotYamlOnOneLine() {
        ManifestMutator.Result result = mutate("bad.yaml", "kind: ConfigMap\n---\nmetadata: {name: [x}\n");
        assertEquals(
                List.of("bad.yaml: document 2: line 3, column 20: while parsing a flow sequence, expected ',' or ']',"
                        + " but got }"),
                result.errors());
    }

    /**
     * The round trip kustomize performs with the function of examples/krm: a ResourceList (the kustomization's
     * resources as items, the function config) in, a ResourceList out with the items mutated.
     */
    @Test
    void answersTheResourceListKustomizeSendsTheExampleFunction() throws IOException {
        String hpa = Files.readString(Path.of("examples/krm/hpa.yaml"));
        String functionConfig = Files.readString(Path.of("examples/krm/prescaler-function.yaml"));
        String resourceList = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n" + indentedItem(hpa)
                + "functionConfig:\n" + indented(functionConfig);

        ManifestMutator.Result result = mutator().mutate(new InputText("<stdin>", resourceList), true);

        assertTrue(result.resourceList());
        assertEquals(List.of(), result.errors());
        JsonNode answer = YamlReader.read(result.output()).documents().get(0).tree();
        assertEquals("ResourceList", answer.path("kind").asText());
        assertEquals("config.kubernetes.io/v1", answer.path("apiVersion").asText());
        JsonNode metrics = answer.at("/items/0/spec/metrics");
        assertEquals("cpu", metrics.at("/0/resource/name").asText());
        assertEquals(
                "prescaling_min_replicas", metrics.at("/1/external/metric/name").asText());
        assertEquals(
                "storefront",
                metrics.at("/1/external/metric/selector/matchLabels/hpa").asText());
        assertEquals("PrescalerMutate", answer.at("/functionConfig/kind").asText(), "the function config is kept");
        assertTrue(answer.path("results").isMissingNode(), "no problem, no results");
    }

    private static String indentedItem(String yaml) {
        String body = indented(yaml.lines().filter(l -> !l.startsWith("#")).reduce("", (a, l) -> a + l + "\n"));
        return "- " + body.substring(2);
    }

    private static String indented(String yaml) {
        return yaml.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
    }

    @Test
    void answersAResourceListWhoseItemsAreNotAList_withAnErrorResult() {
        ManifestMutator.Result result = mutator()
                .mutate(
                        new InputText("<stdin>", "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: 5\n"),
                        true);

        assertTrue(result.resourceList());
        assertEquals(
                List.of("<stdin>: items is number, not a list of objects: a ResourceList's items are the objects to"
                        + " transform"),
                result.errors());
        JsonNode answer = YamlReader.read(result.output()).documents().get(0).tree();
        assertEquals("ResourceList", answer.path("kind").asText());
        assertEquals("error", answer.at("/results/0/severity").asText());
        assertEquals(
                "items is number, not a list of objects: a ResourceList's items are the objects to transform",
                answer.at("/results/0/message").asText());
    }
}
