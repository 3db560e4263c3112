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
 * and its JSON Patch applied, so the result is what the webhook would store. HPAs inside a {@code List} (as
 * {@code kubectl get -o yaml} prints them) are handled the same way. An HPA without metrics first gets the API
 * server's default CPU metric, as it would before reaching the webhook. Documents that are not HPAs, and
 * HPAs that need no change, are copied byte for byte (comments and formatting kept); only patched HPAs are
 * re-serialised.
 */
public final class ManifestMutator {

    public static final String RESOURCE_LIST_API_VERSION = "config.kubernetes.io/v1";
    public static final String RESOURCE_LIST_KIND = "ResourceList";

    /** Said on stderr (and as an info result) when {@code mutate} adds the default metric the webhook never sees. */
    public static final String DEFAULT_METRIC_NOTE = "spec.metrics was empty: added the API server's default (cpu,"
            + " Utilization 80%) before the prescaling metric, so that the HPA keeps scaling on CPU";

    private static final Pattern DOCUMENT_START = Pattern.compile("^---(\\s.*)?$");
    private static final Pattern LINES = Pattern.compile("(?<=\n)");

    /**
     * The outcome for one input: the output text, the problems (each prefixed with source and document number)
     * and the warnings and notes for stderr, prefixed the same way. When there are problems the output must not be
     * used.
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
            outcome.notes().forEach(n -> warnings.add(where + "note: " + n));
            outcome.errors().forEach(e -> errors.add(where + e));
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
            for (String note : outcome.notes()) {
                warnings.add(where + "note: " + note);
                results.add(result(item, "info", note));
            }
            for (String error : outcome.errors()) {
                errors.add(where + error);
                results.add(result(item, "error", error));
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

    /**
     * What became of one document: the patched document (null when unchanged) and the messages about it.
     *
     * @param notes what {@code mutate} did beyond the webhook's patch (an info, not a warning)
     */
    private record Outcome(JsonNode patched, List<String> errors, List<String> warnings, List<String> notes) {
        static final Outcome UNCHANGED = new Outcome(null, List.of(), List.of(), List.of());
    }

    private Outcome mutate(JsonNode document) {
        if (!document.isObject()) {
            return Outcome.UNCHANGED;
        }
        if (isList(document)) {
            return mutateList((ObjectNode) document);
        }
        if (!"HorizontalPodAutoscaler".equals(document.path("kind").asText())) {
            return Outcome.UNCHANGED;
        }
        String apiVersion = document.path("apiVersion").asText();
        if (!"autoscaling/v2".equals(apiVersion)) {
            return new Outcome(
                    null,
                    List.of(),
                    List.of("HorizontalPodAutoscaler " + apiVersion
                            + " left unchanged; write it as autoscaling/v2 to have the metric injected"),
                    List.of());
        }
        // The webhook sees HPAs after the API server has defaulted them; a manifest has not been. Without this,
        // an HPA with no metrics would come out with the External metric alone, and the API server, which only
        // defaults an empty list, would no longer give it its CPU metric: it would lose its reactive scaling.
        JsonNode admitted = withDefaultMetrics(document);
        AdmissionResponse response =
                reviewer.review(AdmissionRequest.createOf(admitted, AdmissionRequest.GroupVersionKind.HPA_V2));
        if (!response.allowed()) {
            return new Outcome(null, List.of(response.status().message()), response.warnings(), List.of());
        }
        if (!response.isPatched()) {
            return new Outcome(null, List.of(), response.warnings(), List.of());
        }
        List<String> notes = admitted == document ? List.of() : List.of(DEFAULT_METRIC_NOTE);
        return new Outcome(response.patch().applyTo(admitted), List.of(), response.warnings(), notes);
    }

    /** The HPA with the API server's default metric when it has none (absent, null or empty), else itself. */
    private static JsonNode withDefaultMetrics(JsonNode hpa) {
        JsonNode spec = hpa.path("spec");
        JsonNode metrics = spec.path("metrics");
        boolean unset = metrics.isMissingNode() || metrics.isNull() || (metrics.isArray() && metrics.isEmpty());
        if (!spec.isObject() || !unset) {
            return hpa;
        }
        ObjectNode copy = hpa.deepCopy();
        ObjectNode cpu = ((ObjectNode) copy.path("spec")).putArray("metrics").addObject();
        cpu.put("type", "Resource");
        ObjectNode resource = cpu.putObject("resource");
        resource.put("name", "cpu");
        resource.putObject("target").put("type", "Utilization").put("averageUtilization", 80);
        return copy;
    }

    /** {@code kubectl get -o yaml} output ({@code kind: List}) and typed lists ({@code HorizontalPodAutoscalerList}). */
    private static boolean isList(JsonNode document) {
        return document.path("kind").asText().endsWith("List")
                && document.path("items").isArray();
    }

    /** Each item goes through {@link #mutate}; the list is rewritten when an item changed. */
    private Outcome mutateList(ObjectNode list) {
        ArrayNode items = (ArrayNode) list.path("items");
        String itemKind = list.path("kind").asText().replaceFirst("List$", "");
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ArrayNode patchedItems = null;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item.isObject() && !item.has("kind") && !itemKind.isEmpty()) {
                // Items of a typed list (as the API returns it) carry no kind of their own.
                item = ((ObjectNode) item.deepCopy())
                        .put("kind", itemKind)
                        .put("apiVersion", list.path("apiVersion").asText());
            }
            Outcome outcome = mutate(item);
            String where = "item " + (i + 1) + " (" + item.path("kind").asText() + " "
                    + item.path("metadata").path("namespace").asText("") + "/"
                    + item.path("metadata").path("name").asText("") + "): ";
            outcome.errors().forEach(e -> errors.add(where + e));
            outcome.warnings().forEach(w -> warnings.add(where + w));
            outcome.notes().forEach(n -> notes.add(where + n));
            if (outcome.patched() != null) {
                if (patchedItems == null) {
                    patchedItems = items.deepCopy();
                }
                patchedItems.set(i, outcome.patched());
            }
        }
        JsonNode patched = null;
        if (patchedItems != null) {
            ObjectNode copy = list.deepCopy();
            copy.set("items", patchedItems);
            patched = copy;
        }
        return new Outcome(patched, errors, warnings, notes);
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
