package io.prescaler.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML document's node graph as a JSON tree, as kubectl converts YAML to JSON: an alias becomes a copy of its
 * anchor's value (never the anchor's name), {@code <<} merges the keys a mapping does not set itself, plain scalars
 * take their YAML 1.1 type ({@code 10} a number, {@code yes} a boolean, {@code 2026-05-30} a string), keys become
 * strings. Refused with the position: a duplicate key, a key that is a mapping or list, an alias inside its own
 * anchor, and aliases that expand beyond {@link YamlReader#ALIAS_EXPANSION_LIMIT} values. One instance per document.
 */
final class NodeTrees {

    /** A problem at a position of the document; {@link YamlReader} turns it into a {@link YamlProblem}. */
    static final class Problem extends RuntimeException {
        private final transient Mark mark;

        Problem(Mark mark, String message) {
            super(message, null, false, false);
            this.mark = mark;
        }

        Mark mark() {
            return mark;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Set<String> TRUE = Set.of("yes", "true", "on");

    private final Map<Node, Boolean> converted = new IdentityHashMap<>();
    private final Map<Node, Boolean> open = new IdentityHashMap<>();
    private final Scalars scalars = new Scalars();
    private int aliasDepth;
    private int expanded;

    JsonNode convert(Node node) {
        if (open.containsKey(node)) {
            throw new Problem(
                    node.getStartMark(),
                    "an alias refers to the anchor that contains it (a recursive"
                            + " structure, which Kubernetes objects never are)");
        }
        boolean alias = converted.put(node, Boolean.TRUE) != null;
        if (alias) {
            aliasDepth++;
        }
        open.put(node, Boolean.TRUE);
        try {
            if (aliasDepth > 0 && ++expanded > YamlReader.ALIAS_EXPANSION_LIMIT) {
                throw new Problem(
                        node.getStartMark(),
                        "aliases expand this document beyond " + YamlReader.ALIAS_EXPANSION_LIMIT
                                + " values (a \"billion laughs\" document); write the values out instead");
            }
            if (node instanceof MappingNode mapping) {
                return mapping(mapping);
            }
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = NODES.arrayNode();
                sequence.getValue().forEach(item -> array.add(convert(item)));
                return array;
            }
            return scalar((ScalarNode) node);
        } finally {
            open.remove(node);
            if (alias) {
                aliasDepth--;
            }
        }
    }

    private ObjectNode mapping(MappingNode mapping) {
        Map<String, JsonNode> own = new LinkedHashMap<>();
        Map<String, Mark> where = new LinkedHashMap<>();
        Map<String, JsonNode> merged = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (Tag.MERGE.equals(keyNode.getTag())) {
                merge(tuple.getValueNode(), merged);
                continue;
            }
            if (!(keyNode instanceof ScalarNode key)) {
                throw new Problem(keyNode.getStartMark(), "a key must be a plain value, not a mapping or a list");
            }
            String name = key.getValue();
            Mark first = where.putIfAbsent(name, key.getStartMark());
            if (first != null) {
                throw new Problem(
                        key.getStartMark(),
                        "key \"" + name + "\" appears twice in this mapping (first on line " + (first.getLine() + 1)
                                + "); keep one");
            }
            own.put(name, convert(tuple.getValueNode()));
        }
        ObjectNode object = NODES.objectNode();
        own.forEach(object::set);
        merged.forEach((name, value) -> {
            if (!object.has(name)) {
                object.set(name, value);
            }
        });
        return object;
    }

    /** {@code <<: *base} or {@code <<: [*a, *b]}: the earlier mapping wins, the mapping's own keys win over all. */
    private void merge(Node value, Map<String, JsonNode> into) {
        List<Node> sources = value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
        for (Node source : sources) {
            JsonNode tree = convert(source);
            if (!tree.isObject()) {
                throw new Problem(source.getStartMark(), "a << merge key takes a mapping or a list of mappings");
            }
            tree.properties().forEach(e -> into.putIfAbsent(e.getKey(), e.getValue()));
        }
    }

    private JsonNode scalar(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        if (Tag.NULL.equals(tag)) {
            return NODES.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            return NODES.booleanNode(TRUE.contains(text.toLowerCase(Locale.ROOT)));
        }
        if (Tag.INT.equals(tag)) {
            Object value = scalars.value(scalar);
            if (value instanceof Integer i) {
                return NODES.numberNode(i);
            }
            if (value instanceof Long l) {
                return NODES.numberNode(l);
            }
            return NODES.numberNode((BigInteger) value);
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return NODES.numberNode(new BigDecimal(text.replace("_", "")));
            } catch (NumberFormatException e) {
                // .inf, .nan, 1:30.5 (sexagesimal): YAML 1.1's own forms
                return NODES.numberNode((Double) scalars.value(scalar));
            }
        }
        // Strings, and what JSON has no type for (timestamps, binary, custom tags): the text as written.
        return NODES.textNode(text);
    }

    /** SnakeYAML's own YAML 1.1 reading of numbers (0x1F, 0o17, 1_000, 1:30, .inf). */
    private static final class Scalars extends SafeConstructor {
        Scalars() {
            super(new LoaderOptions());
        }

        Object value(ScalarNode node) {
            return constructObject(node);
        }
    }
}
