package io.prescaler.history;

import io.prescaler.failure.UsageException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how to read history: one Prometheus, or a Prometheus-compatible store behind a path prefix (Thanos
 * Query, Mimir's {@code /prometheus}, Cortex).
 *
 * @param url the server's base URL; {@code /api/v1/query_range} is appended to its path
 * @param bearerTokenFile a file holding the bearer token, read again whenever it changes (a projected token)
 * @param caFile PEM certificates to trust for an https URL instead of the JVM's default ones
 * @param headers extra headers sent with every request, such as {@code X-Scope-OrgID} for a tenant
 * @param timeout the longest wait for one request, connection included
 * @param maxPoints the most samples one read may return (bounds memory whatever the span or step asked)
 * @param maxResponseBytes the largest body one request may return
 */
public record PrometheusSettings(
        URI url,
        Optional<Path> bearerTokenFile,
        Optional<Path> caFile,
        Map<String, String> headers,
        Duration timeout,
        int maxPoints,
        long maxResponseBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Four weeks at one sample a minute, with room to spare. */
    public static final int DEFAULT_MAX_POINTS = 100_000;
    /** Prometheus answers about 25 bytes per sample: 11,000 samples are about 300 KB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 8L * 1024 * 1024;

    /** Headers the JDK's client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    public PrometheusSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(bearerTokenFile, "bearerTokenFile");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new UsageException("--prometheus-url " + url + " is not an http:// or https:// URL with a host"
                    + " (e.g. http://prometheus.monitoring:9090, or http://mimir/prometheus for Mimir)");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new UsageException("--prometheus-url " + url + " has a query or fragment; give the base URL only");
        }
        if (caFile.isPresent() && !scheme.equals("https")) {
            throw new UsageException("--prometheus-ca-file is for an https:// URL; --prometheus-url is " + url);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey().trim();
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new UsageException("--prometheus-header " + header.getKey() + ": not a header name");
            }
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new UsageException("--prometheus-header " + name + ": set by the client itself, cannot be set");
            }
            if (bearerTokenFile.isPresent() && name.equalsIgnoreCase("Authorization")) {
                throw new UsageException("--prometheus-header Authorization and --prometheus-bearer-token-file both"
                        + " set the Authorization header; give one");
            }
            String value = header.getValue();
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new UsageException("--prometheus-header " + name + ": the value holds a line break");
            }
            copy.put(name, value);
        }
        headers = java.util.Collections.unmodifiableMap(copy);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxPoints < 1 || maxResponseBytes < 1) {
            throw new IllegalArgumentException("the bounds must be positive");
        }
    }

    /** Settings with the default timeout and bounds. */
    public static PrometheusSettings of(
            URI url, Optional<Path> bearerTokenFile, Optional<Path> caFile, Map<String, String> headers) {
        return new PrometheusSettings(
                url, bearerTokenFile, caFile, headers, DEFAULT_TIMEOUT, DEFAULT_MAX_POINTS, DEFAULT_MAX_RESPONSE_BYTES);
    }

    public PrometheusSettings withTimeout(Duration newTimeout) {
        return new PrometheusSettings(url, bearerTokenFile, caFile, headers, newTimeout, maxPoints, maxResponseBytes);
    }

    public PrometheusSettings withBounds(int newMaxPoints, long newMaxResponseBytes) {
        return new PrometheusSettings(
                url, bearerTokenFile, caFile, headers, timeout, newMaxPoints, newMaxResponseBytes);
    }

    /** The API endpoint {@code path} (e.g. {@code query_range}) under the base URL, prefix kept. */
    URI endpoint(String path) {
        String base = url.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/api/v1/" + path);
    }
}
