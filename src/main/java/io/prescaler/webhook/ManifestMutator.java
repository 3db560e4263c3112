package io.prescaler.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code mutate}'s logic: manifests in, manifests out, every HPA through {@link AdmissionReviewer} as a CREATE
 * and its JSON Patch applied, so the result is what the webhook would store. Documents that are not HPAs, and
 * HPAs that need no change, are copied byte for byte (comments and formatting kept); only patched HPAs are
 * re-serialised.
 */
public final class ManifestMutator {

    public static final String RESOURCE_LIST_API_VERSION = "config.kubernetes.io/v1";
    public static final String RESOURCE_LIST_KIND = "ResourceList";

    private static final Pattern DOCUMENT_START = Pattern.compile("^---(\\s.*)?$");
    private static final Pattern LINES = Pattern.compile("(?<=\n)");

    /**
     * The outcome for one input: the output text, the problems (each prefixed with source and document number)
     * and the warnings. When there are problems the output must not be used.
     */
    public record Result(String output, List<String> errors, List<String> warnings) {
        public Result {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        public boolean failed() {
            return !errors.isEmpty();
        }
    }

    private final AdmissionReviewer reviewer;
    private final YAMLMapper yaml = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    public ManifestMutator(AdmissionReviewer reviewer) {
        this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
    }

    /** Whether the text is one kustomize KRM function input ({@code config.kubernetes.io/v1 ResourceList}). */
    public boolean isResourceList(String text) {
        try {
            JsonNode root = yaml.readTree(text);
            return root != null
                    && RESOURCE_LIST_KIND.equals(root.path("kind").asText())
                    && RESOURCE_LIST_API_VERSION.equals(root.path("apiVersion").asText());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Mutates a multi-document YAML stream. */
    public Result mutateDocuments(String source, String text) {
        StringBuilder output = new StringBuilder();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int number = 0;
        for (Segment segment : split(text)) {
            JsonNode document;
            try {
                document = yaml.readTree(segment.body());
            } catch (JsonProcessingException e) {
                number++;
                errors.add(source + ": document " + number + ": not valid YAML: " + e.getOriginalMessage());
                output.append(segment.text());
                continue;
            }
            if (document == null || document.isMissingNode() || document.isNull()) {
                output.append(segment.text());
                continue;
            }
            number++;
            String where = source + ": document " + number + ": ";
            Outcome outcome = mutate(document);
            outcome.warnings().forEach(w -> warnings.add(where + "warning: " + w));
            if (outcome.error() != null) {
                errors.add(where + outcome.error());
            }
            if (outcome.patched() == null) {
                output.append(segment.text());
            } else {
                output.append(segment.separator()).append(write(outcome.patched()));
            }
        }
        return new Result(output.toString(), errors, warnings);
    }

    /**
     * Mutates a kustomize function's ResourceList: its items are mutated, problems become {@code results} with
     * severity error (warnings with severity warning), and the answer is a ResourceList again.
     */
    public Result mutateResourceList(String source, String text) {
        ObjectNode root;
        try {
            root = (ObjectNode) yaml.readTree(text);
        } catch (JsonProcessingException | ClassCastException e) {
            return new Result("", List.of(source + ": not a ResourceList"), List.of());
        }
        ArrayNode items = root.withArray("items");
        ArrayNode results = root.withArray("results");
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                continue;
            }
            Outcome outcome = mutate(item);
            String where =
                    source + ": item " + (i + 1) + " (" + item.path("kind").asText() + " "
                            + item.path("metadata").path("namespace").asText("") + "/"
                            + item.path("metadata").path("name").asText("") + "): ";
            for (String warning : outcome.warnings()) {
                warnings.add(where + "warning: " + warning);
                results.add(result(item, "warning", warning));
            }
            if (outcome.error() != null) {
                errors.add(where + outcome.error());
                results.add(result(item, "error", outcome.error()));
            }
            if (outcome.patched() != null) {
                items.set(i, outcome.patched());
            }
        }
        if (results.isEmpty()) {
            root.remove("results");
        }
        return new Result(write(root), errors, warnings);
    }

    private record Outcome(JsonNode patched, String error, List<String> warnings) {}

    private Outcome mutate(JsonNode document) {
        if (!document.isObject()
                || !"HorizontalPodAutoscaler".equals(document.path("kind").asText())) {
            return new Outcome(null, null, List.of());
        }
        String apiVersion = document.path("apiVersion").asText();
        if (!"autoscaling/v2".equals(apiVersion)) {
            return new Outcome(
                    null,
                    null,
                    List.of("HorizontalPodAutoscaler " + apiVersion
                            + " left unchanged; write it as autoscaling/v2 to have the metric injected"));
        }
        AdmissionResponse response =
                reviewer.review(AdmissionRequest.createOf(document, AdmissionRequest.GroupVersionKind.HPA_V2));
        if (!response.allowed()) {
            return new Outcome(null, response.status().message(), response.warnings());
        }
        JsonNode patched = response.isPatched() ? response.patch().applyTo(document) : null;
        return new Outcome(patched, null, response.warnings());
    }

    private static ObjectNode result(JsonNode item, String severity, String message) {
        ObjectNode result = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        result.put("message", message);
        result.put("severity", severity);
        ObjectNode ref = result.putObject("resourceRef");
        ref.put("apiVersion", item.path("apiVersion").asText());
        ref.put("kind", item.path("kind").asText());
        ref.put("name", item.path("metadata").path("name").asText());
        if (item.path("metadata").hasNonNull("namespace")) {
            ref.put("namespace", item.path("metadata").path("namespace").asText());
        }
        return result;
    }

    private String write(JsonNode node) {
        try {
            return yaml.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }

    /** A document's text: its {@code ---} line (if any) and its body, kept verbatim for unchanged output. */
    private record Segment(String separator, String body) {
        String text() {
            return separator + body;
        }
    }

    private static List<Segment> split(String text) {
        List<Segment> segments = new ArrayList<>();
        String separator = "";
        StringBuilder body = new StringBuilder();
        for (String line : LINES.split(text)) {
            if (DOCUMENT_START.matcher(line.stripTrailing()).matches()) {
                if (!separator.isEmpty() || body.length() > 0) {
                    segments.add(new Segment(separator, body.toString()));
                }
                separator = line.endsWith("\n") ? line : line + "\n";
                body = new StringBuilder();
            } else {
                body.append(line);
            }
        }
        if (!separator.isEmpty() || body.length() > 0) {
            segments.add(new Segment(separator, body.toString()));
        }
        return segments;
    }
}
