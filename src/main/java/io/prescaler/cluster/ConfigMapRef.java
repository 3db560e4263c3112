package io.prescaler.cluster;

import java.util.Objects;

/**
 * Where the events ConfigMap is, as {@code --configmap} says it: {@code NAME} alone is in the client's own
 * namespace ({@code namespace} null until {@link #in} resolves it), {@code NAMESPACE/NAME} anywhere.
 */
public record ConfigMapRef(String namespace, String name) {

    public static final String DEFAULT_NAME = "prescaling-events";
    public static final ConfigMapRef DEFAULT = new ConfigMapRef(null, DEFAULT_NAME);
    public static final String FORM =
            "NAME or NAMESPACE/NAME (for example prescaling-events, or prescaler/prescaling-events)";

    public ConfigMapRef {
        Objects.requireNonNull(name, "name");
    }

    /**
     * Reads {@code NAME} or {@code NAMESPACE/NAME}.
     *
     * @throws IllegalArgumentException naming the text and the expected form (a converter turns it into a flag
     *     error)
     */
    public static ConfigMapRef parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 2 || parts[0].isBlank() || parts[parts.length - 1].isBlank()) {
            throw new IllegalArgumentException("'" + text + "' is not " + FORM);
        }
        return parts.length == 2 ? new ConfigMapRef(parts[0], parts[1]) : new ConfigMapRef(null, parts[0]);
    }

    /**
     * Resolves a bare name in {@code ownNamespace}: the client's namespace, which fabric8 reads in a pod from the
     * service account's namespace file, so that the CronJob works in whatever namespace it is installed.
     */
    public ConfigMapRef in(String ownNamespace) {
        if (namespace != null) {
            return this;
        }
        return new ConfigMapRef(ownNamespace == null || ownNamespace.isBlank() ? "default" : ownNamespace, name);
    }

    @Override
    public String toString() {
        return namespace == null ? name : namespace + "/" + name;
    }
}
