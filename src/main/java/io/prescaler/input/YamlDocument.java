package io.prescaler.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One non-empty document of an input: its number in the stream (1-based, as messages give it), its content as a
 * tree, and the parsed YAML node with the source position of every value (null for a JSON document, which keeps
 * no positions).
 */
public record YamlDocument(int number, JsonNode tree, Node node) {

    /** The node at a path of keys and list indices below {@code from}, when the text spells it out. */
    public static Optional<Node> nodeAt(Node from, List<?> path) {
        Node current = from;
        for (Object step : path) {
            if (current instanceof MappingNode mapping && step instanceof String key) {
                current = mapping.getValue().stream()
                        .filter(t -> t.getKeyNode() instanceof ScalarNode k
                                && k.getValue().equals(key))
                        .map(NodeTuple::getValueNode)
                        .findFirst()
                        .orElse(null);
            } else if (current instanceof SequenceNode sequence
                    && step instanceof Integer index
                    && index < sequence.getValue().size()) {
                current = sequence.getValue().get(index);
            } else {
                return Optional.empty();
            }
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }
}
