package io.prescaler.webhook;

import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.MetricEncoding;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The webhook's settings, read once from flags and environment.
 *
 * @param maxBodyBytes bodies above this are refused unread (413)
 * @param idleTimeout how long a connection may stay silent, also mid-request, before Jetty closes it
 * @param reloadInterval how often the certificate files are checked for a new pair
 * @param address the local address to listen on; {@link #ALL_INTERFACES} in a pod, where the kubelet's probes
 *     and the Service reach the pod's own IP
 * @param scalerTrigger the trigger KEDA ScaledObjects get: the address of the exporter's gRPC port
 */
public record WebhookConfig(
        int port,
        Path tlsCert,
        Path tlsKey,
        MetricEncoding encoding,
        AnnotationKeys keys,
        ZoneId zone,
        long maxBodyBytes,
        Duration idleTimeout,
        Duration reloadInterval,
        String address,
        ScalerTrigger scalerTrigger) {

    public static final long DEFAULT_MAX_BODY_BYTES = 3L * 1024 * 1024;
    public static final String ALL_INTERFACES = "0.0.0.0";

    /** Listening on every interface, as a pod needs. */
    public WebhookConfig(
            int port,
            Path tlsCert,
            Path tlsKey,
            MetricEncoding encoding,
            AnnotationKeys keys,
            ZoneId zone,
            long maxBodyBytes,
            Duration idleTimeout,
            Duration reloadInterval) {
        this(port, tlsCert, tlsKey, encoding, keys, zone, maxBodyBytes, idleTimeout, reloadInterval, ALL_INTERFACES);
    }

    /** With the ScaledObject trigger pointing at the install's exporter Service. */
    public WebhookConfig(
            int port,
            Path tlsCert,
            Path tlsKey,
            MetricEncoding encoding,
            AnnotationKeys keys,
            ZoneId zone,
            long maxBodyBytes,
            Duration idleTimeout,
            Duration reloadInterval,
            String address) {
        this(
                port,
                tlsCert,
                tlsKey,
                encoding,
                keys,
                zone,
                maxBodyBytes,
                idleTimeout,
                reloadInterval,
                address,
                new ScalerTrigger(ScalerTrigger.DEFAULT_ADDRESS));
    }

    public WebhookConfig {
        Objects.requireNonNull(scalerTrigger, "scalerTrigger");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        Objects.requireNonNull(tlsCert, "--tls-cert is required");
        Objects.requireNonNull(tlsKey, "--tls-key is required");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(zone, "zone");
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("the body limit must be at least 1024 bytes, got " + maxBodyBytes);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("--idle-timeout must be positive, got " + idleTimeout);
        }
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("--tls-reload-interval must be positive, got " + reloadInterval);
        }
    }
}
