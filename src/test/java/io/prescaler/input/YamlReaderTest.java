package io.prescaler.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.prescaler.failure.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlReaderTest {

    private static final Path DIR = Path.of("src/test/resources/io/prescaler/input");

    private static InputText fixture(String name) throws IOException {
        return new InputText(name, Files.readString(DIR.resolve(name)));
    }

    private static String problem(String text) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> YamlReader.documents(new InputText("in.yaml", text)));
        return e.getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            a syntax error in the second document | 'kind: A\\n---\\nkey: [unclosed\\n' | 'in.yaml: document 2: line 4, column 1: while parsing a flow sequence, expected '','' or '']'', but got <stream end>'
            a tab for indentation                 | 'a:\\n\\tb: 1\\n'                 | 'in.yaml: document 1: line 2, column 1: while scanning for the next token, found character ''\\t(TAB)'' that cannot start any token. (Do not use \\t(TAB) for indentation)'
            a duplicate key                       | 'metadata:\\n  name: a\\n  name: b\\n' | 'in.yaml: document 1: line 3, column 3: key "name" appears twice in this mapping (first on line 2); keep one'
            an undefined alias                    | 'name: *nope\\n'                 | 'in.yaml: document 1: line 1, column 7: found undefined alias nope'
            an alias inside its own anchor        | 'a: &a [1, *a]\\n'               | 'in.yaml: document 1: line 1, column 4: an alias refers to the anchor that contains it (a recursive structure, which Kubernetes objects never are)'
            a mapping as a key                    | '? {a: 1}\\n: b\\n'              | 'in.yaml: document 1: line 1, column 3: a key must be a plain value, not a mapping or a list'
            JSON that stops                       | '{"kind": "A",\\n "x": }'        | 'in.yaml: document 1: line 2, column 7: not valid JSON: Unexpected character (''}'' (code 125)): expected a valid value (JSON String, Number, Array, Object or token ''null'', ''true'' or ''false'')'
            """)
    void reportsEachProblemOnOneLineWithDocumentLineAndColumn(String what, String text, String expected) {
        assertEquals(expected, problem(text.replace("\\n", "\n").replace("\\t", "\t")), what);
    }

    @Test
    void resolvesAliasesToTheAnchorsValue() {
        List<YamlDocument> documents = YamlReader.documents(new InputText(
                "in.yaml",
                "metadata: {name: &name web}\nspec:\n  scaleTargetRef: {name: *name}\n  max: &m 4\n  min: *m\n"));
        JsonNode tree = documents.get(0).tree();
        assertEquals("web", tree.at("/spec/scaleTargetRef/name").asText());
        assertTrue(tree.at("/spec/min").isInt());
        assertEquals(4, tree.at("/spec/min").asInt());
    }

    @Test
    void refusesABillionLaughs_insteadOfExpandingIt() throws IOException {
        String message = assertThrows(
                        InvalidInputException.class, () -> YamlReader.documents(fixture("billion-laughs.yaml")))
                .getMessage();
        assertTrue(message.startsWith("billion-laughs.yaml: document 1: line "), message);
        assertTrue(
                message.endsWith(": aliases expand this document beyond 100000 values (a \"billion laughs\""
                        + " document); write the values out instead"),
                message);
    }

    @Test
    void appliesMergeKeys_theMappingsOwnKeysFirst() throws IOException {
        JsonNode spec =
                YamlReader.documents(fixture("merge-keys.yaml")).get(0).tree().path("spec");
        assertEquals(3, spec.path("minReplicas").asInt());
        assertEquals(4, spec.path("maxReplicas").asInt());
        assertEquals(2, spec.size());
    }

    @Test
    void readsJsonIndentedWithTabs_severalObjectsInARow() throws IOException {
        List<YamlDocument> documents = YamlReader.documents(fixture("hpas.json"));
        assertEquals(2, documents.size());
        assertEquals(
                "HorizontalPodAutoscaler", documents.get(0).tree().path("kind").asText());
        assertEquals("Service", documents.get(1).tree().path("kind").asText());
        assertNull(documents.get(0).node(), "JSON keeps no YAML positions");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            10         | INT
            '"10"'     | STRING
            1.5        | NUMBER
            0x1F       | INT
            yes        | BOOLEAN
            'off'      | BOOLEAN
            2026-05-30 | STRING
            19:30      | INT
            '"19:30"'  | STRING
            ~          | NULL
            """)
    void typesPlainScalarsAsYaml11(String scalar, String type) {
        JsonNode value = YamlReader.documents(new InputText("in", "v: " + scalar))
                .get(0)
                .tree()
                .path("v");
        switch (type) {
            case "INT" -> assertTrue(value.isIntegralNumber(), value.toString());
            case "NUMBER" -> assertTrue(value.isBigDecimal(), value.toString());
            case "STRING" -> assertTrue(value.isTextual(), value.toString());
            case "BOOLEAN" -> assertTrue(value.isBoolean(), value.toString());
            default -> assertTrue(value.isNull(), value.toString());
        }
    }

    @Test
    void numbersDocumentsAsTheyStandInTheStream_skippingEmptyOnes() {
        List<YamlDocument> documents =
                YamlReader.documents(new InputText("in", "# only a comment\n---\n---\nkind: A\n---\nkind: B\n"));
        assertEquals(List.of(2, 3), documents.stream().map(YamlDocument::number).toList());
    }

    /**
     * {@code kubectl get hpa -A -o yaml} of 6,000 HPAs is about 4.6 MB: above SnakeYAML's default 3 MiB limit on
     * one document, within ours (64 MiB).
     */
    @Test
    void readsAKubectlListOf6000Hpas_largerThanSnakeYamlsDefaultLimit() {
        String list = HpaListFixture.kubectlList(6_000);
        assertTrue(list.length() > 3 * 1024 * 1024, "larger than 3 MiB: " + list.length());

        List<YamlDocument> documents = YamlReader.documents(new InputText("hpas.yaml", list));

        assertEquals(1, documents.size());
        List<ManifestObject> objects = ManifestObjects.of(documents.get(0));
        assertEquals(6_000, objects.size());
        assertEquals("team-5999/app-5999", objects.get(5_999).key());
    }
}
