package io.prescaler.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.prescaler.failure.InvalidInputException;
import io.prescaler.schedule.AnnotationKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The HPA rules every command applies alike to the objects it reads: which HPAs prescaling works on, the typed
 * reading of an autoscaling/v2 HPA (a wrong-typed field named with its path, as the API server would refuse it),
 * and a note for prescaling annotations written on an object that is not an HPA.
 */
public final class HpaObjects {

    public static final String KIND = "HorizontalPodAutoscaler";
    public static final String API_VERSION = "autoscaling/v2";

    /**
     * A plain mapper for fabric8's model classes (they carry their own deserializers for Quantity and IntOrString
     * and keep unknown fields), not fabric8's own: that one stores a field it cannot read among the unknown fields
     * instead of failing. Made as strict about scalar types as the API server: {@code name: 10} or an annotation
     * {@code "true"} written {@code true} is refused (Kubernetes takes no number for a string), {@code
     * minReplicas: "3"} and {@code minReplicas: 1.5} too, instead of being quietly converted.
     */
    private static final ObjectMapper STRICT = strictMapper();

    private HpaObjects() {}

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    public static boolean isHpa(JsonNode object) {
        return KIND.equals(object.path("kind").asText(""));
    }

    /** An HPA prescaling can work on: {@code autoscaling/v2}. */
    public static boolean isPrescalable(JsonNode object) {
        return isHpa(object) && API_VERSION.equals(object.path("apiVersion").asText(""));
    }

    /**
     * Whether the object carries one of the keys a team sets to prescale: a window key or a forecast key (the event
     * keys do not count).
     */
    public static boolean isPrescaled(JsonNode object, AnnotationKeys keys) {
        JsonNode annotations = object.path("metadata").path("annotations");
        return keys.userKeys().stream().anyMatch(annotations::has)
                || keys.forecastKeys().stream().anyMatch(annotations::has);
    }

    /**
     * The error for a prescaled HPA of another API version (autoscaling/v1, v2beta2): it cannot carry the External
     * metric. Empty for anything else; an HPA of another version without prescaling annotations is passed over.
     */
    public static Optional<String> unsupportedVersion(JsonNode object, AnnotationKeys keys) {
        if (!isHpa(object) || isPrescalable(object) || !isPrescaled(object, keys)) {
            return Optional.empty();
        }
        String apiVersion = object.path("apiVersion").asText("");
        return Optional.of("HorizontalPodAutoscaler " + ManifestObject.keyOf(object) + " is " + apiVersion
                + ", which cannot carry the External metric prescaling adds: convert it to autoscaling/v2"
                + (apiVersion.equals("autoscaling/v1")
                        ? " (spec.targetCPUUtilizationPercentage becomes a Resource metric in spec.metrics)"
                        : ""));
    }

    /** The note for prescaling annotations on an object that is not an HPA: nothing reads them there. */
    public static Optional<String> misplacedAnnotations(JsonNode object, AnnotationKeys keys) {
        if (isHpa(object) || !object.path("metadata").path("annotations").isObject()) {
            return Optional.empty();
        }
        List<String> ours = new ArrayList<>();
        object.path("metadata").path("annotations").fieldNames().forEachRemaining(name -> {
            if (name.startsWith(keys.prefix() + ".")) {
                ours.add(name);
            }
        });
        if (ours.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(object.path("kind").asText("object") + " " + ManifestObject.keyOf(object)
                + " carries prescaling annotations (" + String.join(", ", ours)
                + "), which only a HorizontalPodAutoscaler reads: move them to the HPA's metadata.annotations");
    }

    /**
     * The object read with the API's types.
     *
     * @param node the object's YAML node, for the position of a wrong-typed field (null: no position)
     * @param where how messages name the object ({@code FILE: document N})
     * @throws InvalidInputException {@code WHERE: line L, column C: FIELD: expected TYPE, got VALUE} and the fix
     */
    public static HorizontalPodAutoscaler typed(JsonNode object, Node node, String where) {
        try {
            return STRICT.treeToValue(object, HorizontalPodAutoscaler.class);
        } catch (JsonMappingException e) {
            throw new InvalidInputException(where + ": " + typeProblem(object, node, e), e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(where + ": " + e.getOriginalMessage(), e);
        }
    }

    /** What {@link #typed} would refuse, without a location prefix; empty when the HPA reads. */
    public static Optional<String> typeProblem(JsonNode object, Node node) {
        try {
            STRICT.treeToValue(object, HorizontalPodAutoscaler.class);
            return Optional.empty();
        } catch (JsonMappingException e) {
            return Optional.of(typeProblem(object, node, e));
        } catch (JsonProcessingException e) {
            return Optional.of(e.getOriginalMessage());
        }
    }

    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(Integer.class, int.class, Long.class, long.class);

    private static String typeProblem(JsonNode object, Node node, JsonMappingException e) {
        List<Object> path = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.add(ref.getFieldName());
                field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.add(ref.getIndex());
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        JsonNode found = object;
        for (Object step : path) {
            found = step instanceof String name ? found.path(name) : found.path((Integer) step);
        }
        Optional<Node> source = node == null ? Optional.empty() : YamlDocument.nodeAt(node, path);
        String written = source.filter(ScalarNode.class::isInstance)
                .map(n -> ((ScalarNode) n).getValue())
                .orElse(found.asText());
        String position = source.map(n -> "line " + (n.getStartMark().getLine() + 1) + ", column "
                        + (n.getStartMark().getColumn() + 1) + ": ")
                .orElse("");
        Class<?> target =
                e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m ? m.getTargetType() : null;
        String expected = expected(target);
        String got = describe(found, written);
        String fix = "";
        if (target == String.class && (found.isNumber() || found.isBoolean() || found.isNull())) {
            fix = ": quote it: \"" + written + "\"";
        } else if (WHOLE_NUMBERS.contains(target)
                && found.isTextual()
                && found.asText().matches("-?\\d+")) {
            fix = ": remove the quotes";
        }
        return position + (field.isEmpty() ? "the object" : field) + ": expected " + expected + ", got " + got + fix;
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "another type";
        }
        if (target == String.class) {
            return "a string";
        }
        if (WHOLE_NUMBERS.contains(target)) {
            return "a whole number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(target)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(target) || !target.getName().startsWith("java.")) {
            return "a mapping";
        }
        return "a " + target.getSimpleName();
    }

    private static String describe(JsonNode found, String written) {
        if (found.isArray()) {
            return "a list";
        }
        if (found.isObject()) {
            return "a mapping";
        }
        if (found.isNull()) {
            return "null";
        }
        if (found.isBoolean()) {
            return written + " (a boolean)";
        }
        if (found.isNumber()) {
            return written + " (a number)";
        }
        return "\"" + written + "\" (a string)";
    }
}
