package io.prescaler.cli;

import io.prescaler.history.PrometheusSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where and how to read demand history from Prometheus: the flags the exporter and {@code replay} share. */
public final class PrometheusOptions {

    @Option(
            names = "--prometheus-url",
            paramLabel = "URL",
            description = "Prometheus, or a Prometheus-compatible store, to read demand history from: the base URL,"
                    + " path prefix included (http://prometheus.monitoring:9090, http://thanos-query:9090,"
                    + " http://mimir-query-frontend/prometheus).")
    URI url;

    @Option(
            names = "--prometheus-bearer-token-file",
            paramLabel = "FILE",
            description = "Send the token this file holds as Authorization: Bearer; read again when the file"
                    + " changes (a projected service-account token).")
    Path bearerTokenFile;

    @Option(
            names = "--prometheus-ca-file",
            paramLabel = "FILE",
            description = "PEM certificates to trust for an https:// --prometheus-url, instead of the JVM's.")
    Path caFile;

    @Option(
            names = "--prometheus-header",
            paramLabel = "NAME=VALUE",
            description = "Send this header with every request, e.g. X-Scope-OrgID=tenant-1 for Mimir or Cortex;"
                    + " repeatable.")
    Map<String, String> headers = new LinkedHashMap<>();

    @Option(
            names = "--prometheus-timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.Positive.class,
            description = "The longest wait for one request to Prometheus (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** The settings, when --prometheus-url is given. */
    Optional<PrometheusSettings> settings() {
        if (url == null) {
            if (bearerTokenFile != null || caFile != null || !headers.isEmpty()) {
                throw new io.prescaler.failure.UsageException(
                        "--prometheus-bearer-token-file, --prometheus-ca-file and --prometheus-header need"
                                + " --prometheus-url");
            }
            return Optional.empty();
        }
        return Optional.of(
                PrometheusSettings.of(url, Optional.ofNullable(bearerTokenFile), Optional.ofNullable(caFile), headers)
                        .withTimeout(timeout));
    }
}
