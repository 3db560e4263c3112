package io.prescaler.scaler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The KEDA scaler's settings, read once from the exporter's flags.
 *
 * @param port the gRPC port; 0 turns the scaler off
 * @param address the local address to listen on
 * @param tlsCert with {@code tlsKey}: serve TLS with this PEM pair (the webhook's files); both empty: plaintext
 * @param reloadInterval how often the certificate files are checked for a new pair
 */
public record ScalerConfig(
        int port, String address, Optional<Path> tlsCert, Optional<Path> tlsKey, Duration reloadInterval) {

    public static final int DEFAULT_PORT = 9090;

    public ScalerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--grpc-port must be between 0 and 65535, got " + port);
        }
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tlsCert, "tlsCert");
        Objects.requireNonNull(tlsKey, "tlsKey");
        if (tlsCert.isPresent() != tlsKey.isPresent()) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both, or neither");
        }
        Objects.requireNonNull(reloadInterval, "reloadInterval");
    }

    public boolean enabled() {
        return port != 0;
    }

    public boolean tls() {
        return tlsCert.isPresent();
    }
}
