package io.prescaler.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the cluster, read once from the flags.
 *
 * @param kubeconfig the kubeconfig named by {@code --kubeconfig}; null for the usual search (in-cluster service
 *     account, else {@code $KUBECONFIG}, else {@code ~/.kube/config})
 * @param context the kubeconfig context; null for the current one
 * @param connectTimeout how long one connection attempt may take before the server counts as unreachable
 */
public record ClusterSettings(Path kubeconfig, String context, Duration connectTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Attempts of one API call when the server cannot be reached (fabric8 retries with a 100 ms backoff): with the
     * connect timeout this bounds how long a command waits before saying the server is unreachable.
     */
    public static final int ATTEMPTS = 2;

    /** How long to wait for the answer to a request once connected. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public ClusterSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
    }
}
