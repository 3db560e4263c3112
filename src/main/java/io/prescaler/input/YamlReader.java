package io.prescaler.input;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prescaler.failure.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML or JSON stream the way kubectl does: a text whose first character is <code>{</code> is JSON (one
 * or more objects), anything else is YAML 1.1 with {@code ---} between documents, anchors and aliases resolved
 * into plain values, {@code <<} merge keys applied, duplicate keys refused. Bounds: one document holds at most
 * {@link #DOCUMENT_LIMIT} characters (SnakeYAML's default is 3 MiB; {@code kubectl get hpa -A -o yaml} of 6,000
 * HPAs is 4.6 MB), and aliases may expand a document by at most {@link #ALIAS_EXPANSION_LIMIT} values (a "billion
 * laughs" document is refused, not expanded).
 */
public final class YamlReader {

    /** The most characters one YAML document may hold: 64 MiB. */
    public static final int DOCUMENT_LIMIT = 64 * 1024 * 1024;

    /** The most values aliases may add to one document. */
    public static final int ALIAS_EXPANSION_LIMIT = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private YamlReader() {}

    /** The documents read before the first problem, and that problem (null when the whole text was read). */
    public record Reading(List<YamlDocument> documents, YamlProblem problem) {
        public Reading {
            documents = List.copyOf(documents);
        }
    }

    /**
     * The non-empty documents of an input.
     *
     * @throws InvalidInputException {@code NAME: document N: line L, column C: what is wrong}
     */
    public static List<YamlDocument> documents(InputText input) {
        Reading reading = read(input.text());
        if (reading.problem() != null) {
            throw new InvalidInputException(
                    input.name() + ": " + reading.problem().message());
        }
        return reading.documents();
    }

    /** The non-empty documents of a text, up to the first problem. */
    public static Reading read(String text) {
        return text.stripLeading().startsWith("{") ? readJson(text) : readYaml(text);
    }

    private static Reading readYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(DOCUMENT_LIMIT);
        // Our own bound on expansion (NodeTrees) is the one that matters; this only stops the composer early.
        options.setMaxAliasesForCollections(1_000);
        options.setProcessComments(false);
        List<YamlDocument> documents = new ArrayList<>();
        int number = 0;
        try {
            Iterator<Node> nodes =
                    new Yaml(options).composeAll(new StringReader(text)).iterator();
            while (true) {
                number++;
                if (!nodes.hasNext()) {
                    break;
                }
                Node node = nodes.next();
                if (node == null || isEmpty(node)) {
                    continue;
                }
                documents.add(new YamlDocument(number, new NodeTrees().convert(node), node));
            }
        } catch (NodeTrees.Problem e) {
            return new Reading(documents, problem(number, e.mark(), e.getMessage()));
        } catch (MarkedYAMLException e) {
            return new Reading(documents, problem(number, e.getProblemMark(), describe(e)));
        } catch (YAMLException e) {
            String message = String.valueOf(e.getMessage());
            String what = message.contains("exceeds the limit")
                    ? "larger than " + (DOCUMENT_LIMIT >> 20) + " MiB, the most one YAML document may hold; split it"
                            + " into several documents"
                    : message.lines().findFirst().orElse(message);
            return new Reading(documents, new YamlProblem(number, 0, 0, what));
        }
        return new Reading(documents, null);
    }

    private static boolean isEmpty(Node node) {
        return node instanceof ScalarNode scalar
                && Tag.NULL.equals(scalar.getTag())
                && scalar.getValue().isEmpty();
    }

    private static YamlProblem problem(int document, Mark mark, String what) {
        return mark == null
                ? new YamlProblem(document, 0, 0, what)
                : new YamlProblem(document, mark.getLine() + 1, mark.getColumn() + 1, what);
    }

    /** SnakeYAML's messages span several lines and quote the input; one line: the context and the problem. */
    private static String describe(MarkedYAMLException e) {
        String problem = String.valueOf(e.getProblem()).replace('\n', ' ').strip();
        return e.getContext() == null ? problem : e.getContext().strip() + ", " + problem;
    }

    private static Reading readJson(String text) {
        List<YamlDocument> documents = new ArrayList<>();
        int number = 0;
        try (JsonParser parser = JSON.createParser(text)) {
            MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(parser);
            while (true) {
                number++;
                if (!values.hasNextValue()) {
                    break;
                }
                documents.add(new YamlDocument(number, values.nextValue(), null));
            }
        } catch (JacksonException e) {
            var location = e.getLocation();
            String what = String.valueOf(e.getOriginalMessage())
                    .lines()
                    .findFirst()
                    .orElse("")
                    .replaceAll(" \\(for Object starting at \\[.*", "");
            return new Reading(
                    documents,
                    location == null
                            ? new YamlProblem(number, 0, 0, "not valid JSON: " + what)
                            : new YamlProblem(
                                    number, location.getLineNr(), location.getColumnNr(), "not valid JSON: " + what));
        } catch (IOException e) {
            return new Reading(documents, new YamlProblem(number, 0, 0, "cannot be read: " + e.getMessage()));
        }
        return new Reading(documents, null);
    }
}
