package io.prescaler.certs;

import io.prescaler.failure.UsageException;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code certs} manages in the cluster.
 *
 * @param webhookConfiguration the MutatingWebhookConfiguration whose caBundle to patch; null to patch none
 */
public record ClusterCertificatesConfig(
        String namespace,
        String service,
        String secret,
        String webhookConfiguration,
        Duration validity,
        Duration renewBefore,
        KeyAlgorithm algorithm) {

    public ClusterCertificatesConfig {
        requireName(namespace, "--namespace");
        requireName(service, "--service");
        requireName(secret, "--secret");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(renewBefore, "renewBefore");
        Objects.requireNonNull(algorithm, "algorithm");
        if (renewBefore.isNegative() || renewBefore.compareTo(validity) >= 0) {
            throw new UsageException("--renew-before (" + renewBefore + ") must be shorter than --validity (" + validity
                    + "), or every run would renew");
        }
    }

    private static void requireName(String value, String flag) {
        if (value == null || value.isBlank()) {
            throw new UsageException(flag + " is required in cluster mode (or use --out-dir)");
        }
    }
}
