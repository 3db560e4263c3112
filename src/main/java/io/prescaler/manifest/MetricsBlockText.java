package io.prescaler.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.prescaler.webhook.JsonPatch;
import io.prescaler.webhook.PatchOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Writes an HPA's new {@code spec.metrics} into the manifest's own text, so that {@code diff input output} shows
 * only metric lines: the patch's entry operations are replayed on the entries' text (an unchanged entry keeps its
 * lines, comments and all; a new or replaced entry is written at the entries' indentation), or, when the HPA had no
 * metrics (absent, {@code null}, {@code []}), a {@code metrics:} key is written in place of the old one or after
 * the last line of {@code spec}. Works on block-style {@code spec} mappings; for anything else (flow style, JSON)
 * it answers empty and the caller re-serialises the document.
 */
final class MetricsBlockText {

    /** How {@code mutate} writes YAML: quotes only where YAML needs them (a string that reads as a number). */
    static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private final List<String> lines;

    MetricsBlockText(List<String> lines) {
        this.lines = lines;
    }

    /**
     * The edit that turns the HPA's metrics into {@code metrics}.
     *
     * @param hpa the HPA's node in the text
     * @param patch the entry operations on the HPA as written, or null when the new block replaces the old as a
     *     whole (the default metric was added first)
     */
    Optional<LineEdit> edit(Node hpa, JsonPatch patch, JsonNode metrics) {
        return edit(hpa, "metrics", patch, metrics);
    }

    /**
     * The same edit on another list under {@code spec}: a KEDA ScaledObject's {@code triggers}.
     *
     * @param key the list's key under {@code spec}
     */
    Optional<LineEdit> edit(Node hpa, String key, JsonPatch patch, JsonNode metrics) {
        if (!(hpa instanceof MappingNode hpaMapping) || !isBlock(hpaMapping)) {
            return Optional.empty();
        }
        Optional<NodeTuple> specTuple = tuple(hpaMapping, "spec");
        if (specTuple.isEmpty()
                || !(specTuple.get().getValueNode() instanceof MappingNode spec)
                || !isBlock(spec)
                || spec.getValue().isEmpty()) {
            return Optional.empty();
        }
        Optional<NodeTuple> metricsTuple = tuple(spec, key);
        if (patch != null
                && metrics.size() > 0
                && metricsTuple.isPresent()
                && metricsTuple.get().getValueNode() instanceof SequenceNode entries
                && isBlock(entries)
                && !entries.getValue().isEmpty()) {
            return replay(entries, patch, "/spec/" + key);
        }
        int indent = spec.getValue().get(0).getKeyNode().getStartMark().getColumn();
        int dash = indent + sequenceIndent(hpaMapping);
        String block = " ".repeat(indent) + key + ":" + (metrics.isEmpty() ? " []\n" : "\n" + entries(metrics, dash));
        if (metricsTuple.isEmpty()) {
            int after = lastLine(spec) + 1;
            return Optional.of(new LineEdit(after, after, block));
        }
        Node keyNode = metricsTuple.get().getKeyNode();
        if (!startsLine(keyNode.getStartMark())) {
            return Optional.empty();
        }
        int from = keyNode.getStartMark().getLine();
        Node value = metricsTuple.get().getValueNode();
        int to = (isEmptyScalar(value) ? from : Math.max(from, lastLine(value))) + 1;
        return Optional.of(new LineEdit(from, to, block));
    }

    /** One entry of the list as text, before or after the patch. */
    private record Entry(String body, String gap) {}

    private Optional<LineEdit> replay(SequenceNode sequence, JsonPatch patch, String listPath) {
        List<Node> items = sequence.getValue();
        List<Integer> firsts = new ArrayList<>();
        for (Node item : items) {
            int first = dashLine(item);
            if (first < 0) {
                return Optional.empty();
            }
            firsts.add(first);
        }
        int dash = dashColumn(firsts.get(0));
        List<Entry> entries = new ArrayList<>();
        int end = commentsBelow(lastLine(items.get(items.size() - 1)), dash);
        for (int i = 0; i < items.size(); i++) {
            int last = lastLine(items.get(i));
            int nextFirst = i + 1 < items.size() ? firsts.get(i + 1) : end;
            entries.add(new Entry(join(firsts.get(i), last + 1), join(last + 1, nextFirst)));
        }
        for (PatchOperation op : patch.operations()) {
            if (!op.path().startsWith(listPath + "/")) {
                return Optional.empty();
            }
            String index = op.path().substring(listPath.length() + 1);
            if ("-".equals(index) && "add".equals(op.op())) {
                entries.add(new Entry(entry(op.value(), dash), ""));
                continue;
            }
            int i;
            try {
                i = Integer.parseInt(index);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (i < 0 || i > entries.size() || (i == entries.size() && !"add".equals(op.op()))) {
                return Optional.empty();
            }
            switch (op.op()) {
                case "add" -> entries.add(i, new Entry(entry(op.value(), dash), ""));
                case "replace" -> entries.set(
                        i, new Entry(entry(op.value(), dash), entries.get(i).gap()));
                case "remove" -> entries.remove(i);
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        entries.forEach(e -> text.append(e.body()).append(e.gap()));
        return Optional.of(new LineEdit(firsts.get(0), end, text.toString()));
    }

    /**
     * The line after the comments that follow the list at its own indentation (a commented-out entry, a note on
     * the entries): they stay with the list, and an appended entry goes after them.
     */
    private int commentsBelow(int last, int dash) {
        int end = last + 1;
        for (int line = last + 1; line < lines.size(); line++) {
            String text = lines.get(line);
            String stripped = text.strip();
            if (stripped.isEmpty()) {
                continue;
            }
            if (!stripped.startsWith("#") || text.indexOf('#') < dash) {
                break;
            }
            end = line + 1;
        }
        return end;
    }

    /** The metric entries as a block sequence with its dashes at column {@code dash}. */
    private static String entries(JsonNode metrics, int dash) {
        StringBuilder text = new StringBuilder();
        metrics.forEach(metric -> text.append(entry(metric, dash)));
        return text.toString();
    }

    private static String entry(JsonNode metric, int dash) {
        String yaml;
        try {
            yaml = YAML.writeValueAsString(metric);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always writable as YAML", e);
        }
        StringBuilder text = new StringBuilder();
        boolean first = true;
        for (String line : yaml.split("\n")) {
            text.append(" ".repeat(dash))
                    .append(first ? "- " : "  ")
                    .append(line)
                    .append('\n');
            first = false;
        }
        return text.toString();
    }

    /**
     * How far the document indents a block sequence under its key: 2 in {@code metrics:\n  - type}, 0 in the style
     * kubectl prints; 2 when the HPA has no block sequence to learn from.
     */
    private int sequenceIndent(MappingNode mapping) {
        for (NodeTuple tuple : mapping.getValue()) {
            Node value = tuple.getValueNode();
            if (value instanceof SequenceNode sequence
                    && isBlock(sequence)
                    && !sequence.getValue().isEmpty()) {
                int line = dashLine(sequence.getValue().get(0));
                if (line >= 0 && startsLine(tuple.getKeyNode().getStartMark())) {
                    return dashColumn(line) - tuple.getKeyNode().getStartMark().getColumn();
                }
            }
            if (value instanceof MappingNode child && isBlock(child)) {
                int found = sequenceIndent(child);
                if (found != 2) {
                    return found;
                }
            }
        }
        return 2;
    }

    /** The line of the {@code -} that starts an entry (the entry's own line, or the line before for a lone dash). */
    private int dashLine(Node item) {
        Mark start = item.getStartMark();
        String before = prefix(start.getLine(), start.getColumn()).strip();
        if (!before.isEmpty()) {
            return before.equals("-") ? start.getLine() : -1;
        }
        for (int line = start.getLine() - 1; line >= 0; line--) {
            String text = lines.get(line).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            return text.equals("-") ? line : -1;
        }
        return -1;
    }

    private int dashColumn(int line) {
        return lines.get(line).indexOf('-');
    }

    /** The last line holding the node's own text (not the comments or blank lines after it). */
    static int lastLine(Node node) {
        if (node instanceof CollectionNode<?> collection && isBlock(collection)) {
            if (node instanceof MappingNode mapping && !mapping.getValue().isEmpty()) {
                NodeTuple last = mapping.getValue().get(mapping.getValue().size() - 1);
                return isEmptyScalar(last.getValueNode())
                        ? lastLine(last.getKeyNode())
                        : Math.max(lastLine(last.getKeyNode()), lastLine(last.getValueNode()));
            }
            if (node instanceof SequenceNode sequence && !sequence.getValue().isEmpty()) {
                return lastLine(sequence.getValue().get(sequence.getValue().size() - 1));
            }
        }
        Mark end = node.getEndMark();
        int line = end.getLine();
        if (end.getColumn() == 0 && line > node.getStartMark().getLine()) {
            return line - 1;
        }
        return line;
    }

    /** {@code key:} with nothing after it: a null whose position is that of the next token. */
    private static boolean isEmptyScalar(Node node) {
        return node instanceof ScalarNode scalar
                && scalar.getValue().isEmpty()
                && scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
    }

    boolean startsLine(Mark mark) {
        return prefix(mark.getLine(), mark.getColumn()).isBlank();
    }

    String prefix(int line, int column) {
        String text = lines.get(line);
        int columns = Math.min(column, text.codePointCount(0, text.length()));
        return text.substring(0, text.offsetByCodePoints(0, columns));
    }

    private String join(int from, int to) {
        return String.join("", lines.subList(from, Math.min(to, lines.size())));
    }

    private static boolean isBlock(CollectionNode<?> node) {
        return node.getFlowStyle() == DumperOptions.FlowStyle.BLOCK;
    }

    private static Optional<NodeTuple> tuple(MappingNode mapping, String key) {
        return mapping.getValue().stream()
                .filter(t ->
                        t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                .findFirst();
    }
}
