package io.prescaler.schedule;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Kubernetes label selector as a plain value (matchLabels and matchExpressions, all ANDed), so that event
 * decisions never touch Kubernetes types. The empty selector matches every HPA.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    public LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    public boolean matches(Map<String, String> labels) {
        Map<String, String> values = labels == null ? Map.of() : labels;
        for (Map.Entry<String, String> wanted : matchLabels.entrySet()) {
            if (!wanted.getValue().equals(values.get(wanted.getKey()))) {
                return false;
            }
        }
        return matchExpressions.stream().allMatch(r -> r.matches(values));
    }

    public boolean isEverything() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    @Override
    public String toString() {
        if (isEverything()) {
            return "every HPA";
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(matchLabels).forEach((k, v) -> text.append(text.isEmpty() ? "" : ",")
                .append(k)
                .append('=')
                .append(v));
        for (Requirement r : matchExpressions) {
            text.append(text.isEmpty() ? "" : ",").append(r);
        }
        return text.toString();
    }

    /** One matchExpressions entry. */
    public record Requirement(String key, Operator operator, Set<String> values) {

        public Requirement {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(operator, "operator");
            values = Set.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            return switch (operator) {
                case IN -> labels.containsKey(key) && values.contains(labels.get(key));
                case NOT_IN -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case EXISTS -> labels.containsKey(key);
                case DOES_NOT_EXIST -> !labels.containsKey(key);
            };
        }

        @Override
        public String toString() {
            return switch (operator) {
                case IN -> key + " in (" + String.join(",", new java.util.TreeSet<>(values)) + ")";
                case NOT_IN -> key + " notin (" + String.join(",", new java.util.TreeSet<>(values)) + ")";
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
            };
        }
    }

    /** The operators Kubernetes label selectors know, under their API names. */
    public enum Operator {
        IN("In"),
        NOT_IN("NotIn"),
        EXISTS("Exists"),
        DOES_NOT_EXIST("DoesNotExist");

        private final String apiName;

        Operator(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }

        public boolean takesValues() {
            return this == IN || this == NOT_IN;
        }

        public static Optional<Operator> fromApiName(String name) {
            for (Operator operator : values()) {
                if (operator.apiName.toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return Optional.of(operator);
                }
            }
            return Optional.empty();
        }
    }
}
