package io.prescaler.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prescaler.failure.InvalidInputException;
import io.prescaler.input.HpaObjects;
import io.prescaler.input.InputText;
import io.prescaler.input.ManifestObject;
import io.prescaler.input.ManifestObjects;
import io.prescaler.input.YamlDocument;
import io.prescaler.input.YamlReader;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.webhook.AdmissionRequest;
import io.prescaler.webhook.AdmissionResponse;
import io.prescaler.webhook.AdmissionReviewer;
import io.prescaler.webhook.JsonPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code mutate}'s logic: manifests in, manifests out, every autoscaling/v2 HPA through {@link AdmissionReviewer}
 * as a CREATE and its JSON Patch applied, so the result is what the webhook would store. HPAs inside a {@code List}
 * (as {@code kubectl get -o yaml} prints them) are handled the same way. An HPA without metrics first gets the API
 * server's default CPU metric, as it would before reaching the webhook. The output is the input text with only the
 * lines of the changed {@code spec.metrics} blocks rewritten ({@link MetricsBlockText}); a document whose HPA is
 * written in flow style or JSON is re-serialised as a whole instead.
 */
public final class ManifestMutator {

    public static final String RESOURCE_LIST_API_VERSION = "config.kubernetes.io/v1";
    public static final String RESOURCE_LIST_KIND = "ResourceList";

    /** Said on stderr (and as an info result) when {@code mutate} adds the default metric the webhook never sees. */
    public static final String DEFAULT_METRIC_NOTE = "spec.metrics was empty: added the API server's default (cpu,"
            + " Utilization 80%) before the prescaling metric, so that the HPA keeps scaling on CPU";

    /**
     * The outcome for one input: the output text, the problems (each prefixed with source and document number)
     * and the warnings and notes for stderr, prefixed the same way. When there are problems the output must not be
     * used, except a ResourceList's ({@code resourceList}), which carries them as results.
     */
    public record Result(String output, List<String> errors, List<String> warnings, boolean resourceList) {
        public Result {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        public boolean failed() {
            return !errors.isEmpty();
        }
    }

    private final AdmissionReviewer reviewer;
    private final AnnotationKeys keys;

    public ManifestMutator(AdmissionReviewer reviewer, AnnotationKeys keys) {
        this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Mutates one input.
     *
     * @param asFunction whether an input that is one {@code config.kubernetes.io/v1 ResourceList} is answered as a
     *     kustomize KRM function (a ResourceList with the mutated items and the problems as results)
     */
    public Result mutate(InputText input, boolean asFunction) {
        List<YamlDocument> documents;
        try {
            documents = YamlReader.documents(input);
        } catch (InvalidInputException e) {
            return new Result("", List.of(e.getMessage()), List.of(), false);
        }
        if (asFunction
                && documents.size() == 1
                && isResourceList(documents.get(0).tree())) {
            return mutateResourceList(input.name(), documents.get(0));
        }
        return mutateDocuments(input, documents);
    }

    private static boolean isResourceList(JsonNode root) {
        return RESOURCE_LIST_KIND.equals(root.path("kind").asText())
                && RESOURCE_LIST_API_VERSION.equals(root.path("apiVersion").asText());
    }

    private Result mutateDocuments(InputText input, List<YamlDocument> documents) {
        List<String> lines = LineEdit.lines(input.text());
        MetricsBlockText blocks = new MetricsBlockText(lines);
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<LineEdit> edits = new ArrayList<>();
        List<JsonNode> trees = new ArrayList<>();
        boolean changed = false;
        for (YamlDocument document : documents) {
            JsonNode tree = document.tree().deepCopy();
            List<LineEdit> documentEdits = new ArrayList<>();
            boolean asText = document.node() != null;
            boolean documentChanged = false;
            for (ManifestObject object : ManifestObjects.of(document)) {
                String where = object.where(input.name()) + ": ";
                Outcome outcome = mutate(object);
                outcome.warnings().forEach(w -> warnings.add(where + "warning: " + w));
                outcome.notes().forEach(n -> warnings.add(where + "note: " + n));
                outcome.errors().forEach(e -> errors.add(where + e));
                if (outcome.metrics() == null) {
                    continue;
                }
                documentChanged = true;
                JsonNode target = object.item() == 0 ? tree : tree.path("items").get(object.item() - 1);
                ((ObjectNode) target.path("spec")).set(outcome.listKey(), outcome.metrics());
                Optional<LineEdit> edit = asText
                        ? blocks.edit(object.node(), outcome.listKey(), outcome.entryPatch(), outcome.metrics())
                        : Optional.empty();
                edit.ifPresent(documentEdits::add);
                asText &= edit.isPresent();
            }
            trees.add(tree);
            if (!documentChanged) {
                continue;
            }
            changed = true;
            if (document.node() == null) {
                continue;
            }
            if (asText && rereads(lines, document, documentEdits, tree)) {
                edits.addAll(documentEdits);
            } else {
                edits.add(rewritten(blocks, document, tree));
            }
        }
        if (!changed) {
            return new Result(input.text(), errors, warnings, false);
        }
        if (documents.stream().anyMatch(d -> d.node() == null)) {
            // JSON keeps no positions: the whole input is written again, as YAML.
            StringBuilder output = new StringBuilder();
            trees.forEach(t -> output.append(output.isEmpty() ? "" : "---\n").append(write(t)));
            return new Result(output.toString(), errors, warnings, false);
        }
        return new Result(LineEdit.apply(lines, edits), errors, warnings, false);
    }

    /**
     * Whether the document, with the edits, reads back as exactly the mutated tree: the guard that keeps a text
     * edit honest (an unusual layout falls back to re-serialising the document rather than writing a wrong one).
     */
    private static boolean rereads(List<String> lines, YamlDocument document, List<LineEdit> edits, JsonNode tree) {
        Node root = document.node();
        int from = root.getStartMark().getLine();
        int to = MetricsBlockText.lastLine(root) + 1;
        if (!new MetricsBlockText(lines).startsLine(root.getStartMark())) {
            return false;
        }
        List<LineEdit> local = new ArrayList<>();
        for (LineEdit edit : edits) {
            if (edit.from() < from || edit.to() > to + 1) {
                return false;
            }
            local.add(new LineEdit(edit.from() - from, edit.to() - from, edit.replacement()));
        }
        try {
            String text = LineEdit.apply(new ArrayList<>(lines.subList(from, Math.min(to, lines.size()))), local);
            YamlReader.Reading reading = YamlReader.read(text);
            return reading.problem() == null
                    && reading.documents().size() == 1
                    && reading.documents().get(0).tree().equals(tree);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The edit that writes the whole document again (its leading {@code ---} line part kept). */
    private static LineEdit rewritten(MetricsBlockText blocks, YamlDocument document, JsonNode tree) {
        Node root = document.node();
        int from = root.getStartMark().getLine();
        String before = blocks.prefix(from, root.getStartMark().getColumn()).strip();
        return new LineEdit(
                from, MetricsBlockText.lastLine(root) + 1, (before.isEmpty() ? "" : before + "\n") + write(tree));
    }

    /**
     * A kustomize function's ResourceList: its items are mutated, problems become {@code results} with severity
     * error (warnings with severity warning, notes info), and the answer is a ResourceList again.
     */
    private Result mutateResourceList(String source, YamlDocument document) {
        ObjectNode root = (ObjectNode) document.tree().deepCopy();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ArrayNode results = root.withArray("results");
        JsonNode items = root.path("items");
        if (!items.isMissingNode() && !items.isNull() && !items.isArray()) {
            String message = "items is " + items.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + ", not a list of objects: a ResourceList's items are the objects to transform";
            errors.add(source + ": " + message);
            results.add(JsonNodeFactory.instance
                    .objectNode()
                    .put("message", message)
                    .put("severity", "error"));
            return new Result(write(root), errors, warnings, true);
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                continue;
            }
            Node node = document.node() == null
                    ? null
                    : YamlDocument.nodeAt(document.node(), List.of("items", i)).orElse(null);
            ManifestObject object = new ManifestObject(document, i + 1, item, node);
            String where = source + ": item " + (i + 1) + " (" + object.kind() + " " + object.key() + "): ";
            Outcome outcome = mutate(object);
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
            if (outcome.metrics() != null) {
                ((ObjectNode) item.path("spec")).set(outcome.listKey(), outcome.metrics());
            }
        }
        if (results.isEmpty()) {
            root.remove("results");
        }
        return new Result(write(root), errors, warnings, true);
    }

    /**
     * What became of one object: its new {@code spec.metrics} (null when unchanged) and the messages about it.
     *
     * @param listKey the list under {@code spec} that changed: {@code metrics} for an HPA, {@code triggers} for a
     *     KEDA ScaledObject
     * @param entryPatch the webhook's patch when it applies to the metrics as written, null when the new block
     *     replaces them whole (the API server's default metric was added first)
     * @param notes what {@code mutate} did or saw beyond the webhook's patch (an info, not a warning)
     */
    private record Outcome(
            JsonNode metrics,
            JsonPatch entryPatch,
            List<String> errors,
            List<String> warnings,
            List<String> notes,
            String listKey) {

        Outcome(
                JsonNode metrics,
                JsonPatch entryPatch,
                List<String> errors,
                List<String> warnings,
                List<String> notes) {
            this(metrics, entryPatch, errors, warnings, notes, "metrics");
        }

        static Outcome of(List<String> errors, List<String> warnings, List<String> notes) {
            return new Outcome(null, null, errors, warnings, notes);
        }
    }

    private Outcome mutate(ManifestObject manifest) {
        JsonNode document = manifest.object();
        List<String> notes = new ArrayList<>();
        HpaObjects.misplacedAnnotations(document, keys).ifPresent(notes::add);
        if (HpaObjects.isScaledObject(document)) {
            return mutateScaledObject(document, notes);
        }
        Optional<String> unsupported = HpaObjects.unsupportedVersion(document, keys);
        if (unsupported.isPresent()) {
            return Outcome.of(List.of(unsupported.get()), List.of(), notes);
        }
        if (!HpaObjects.isPrescalable(document)) {
            return Outcome.of(List.of(), List.of(), notes);
        }
        Optional<String> mistyped = HpaObjects.typeProblem(document, manifest.node());
        if (mistyped.isPresent()) {
            return Outcome.of(List.of(mistyped.get()), List.of(), notes);
        }
        // The webhook sees HPAs after the API server has defaulted them; a manifest has not been. Without this,
        // an HPA with no metrics would come out with the External metric alone, and the API server, which only
        // defaults an empty list, would no longer give it its CPU metric: it would lose its reactive scaling.
        JsonNode admitted = withDefaultMetrics(document);
        AdmissionResponse response =
                reviewer.review(AdmissionRequest.createOf(admitted, AdmissionRequest.GroupVersionKind.HPA_V2));
        if (!response.allowed()) {
            return Outcome.of(List.of(response.status().message()), response.warnings(), notes);
        }
        if (!response.isPatched()) {
            return Outcome.of(List.of(), response.warnings(), notes);
        }
        boolean defaulted = admitted != document;
        if (defaulted) {
            notes.add(DEFAULT_METRIC_NOTE);
        }
        JsonNode metrics = response.patch().applyTo(admitted).path("spec").path("metrics");
        return new Outcome(metrics, defaulted ? null : response.patch(), List.of(), response.warnings(), notes);
    }

    /**
     * A KEDA ScaledObject through the same reviewer as the webhook's: its Prescaler trigger added, fixed or removed in
     * {@code spec.triggers}, its other triggers untouched.
     */
    private Outcome mutateScaledObject(JsonNode document, List<String> notes) {
        AdmissionResponse response =
                reviewer.review(AdmissionRequest.createOf(document, AdmissionRequest.GroupVersionKind.SCALED_OBJECT));
        if (!response.allowed()) {
            return Outcome.of(List.of(response.status().message()), response.warnings(), notes);
        }
        if (!response.isPatched()) {
            return Outcome.of(List.of(), response.warnings(), notes);
        }
        JsonNode triggers = response.patch().applyTo(document).path("spec").path("triggers");
        return new Outcome(triggers, response.patch(), List.of(), response.warnings(), notes, "triggers");
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

    private static ObjectNode result(JsonNode item, String severity, String message) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
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

    private static String write(JsonNode node) {
        try {
            return MetricsBlockText.YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }
}
