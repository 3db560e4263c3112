package io.prescaler.schedule;

import java.util.Objects;

/**
 * One thing wrong with one annotation: the key, the value found (null when the key is missing) and what was
 * expected. Rendered the same way by the webhook, {@code mutate}, {@code plan} and the exporter's logs.
 */
public record AnnotationProblem(String key, String value, String expected) {

    public AnnotationProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
    }

    public static AnnotationProblem missing(String key, String why) {
        return new AnnotationProblem(key, null, why);
    }

    public String message() {
        if (value == null) {
            return key + ": missing; " + expected;
        }
        return key + ": " + QuotedValue.of(value) + " " + expected;
    }

    @Override
    public String toString() {
        return message();
    }
}
