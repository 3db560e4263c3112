package io.prescaler.exporter;

import io.prescaler.schedule.AnnotationKeys;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The exporter's settings, read once from flags and environment.
 *
 * @param namespaces the namespaces to watch; empty means all
 * @param hpaLabels HPA label keys copied onto every per-HPA series
 * @param staleAfter how long the watch may be down before the exporter reports its data as stale
 * @param address the local address to listen on; {@link #ALL_INTERFACES} in a pod, where Prometheus and the
 *     kubelet's probes reach the pod's own IP
 */
public record ExporterConfig(
        int port,
        List<String> namespaces,
        List<String> hpaLabels,
        AnnotationKeys keys,
        ZoneId zone,
        Duration staleAfter,
        String address) {

    public static final String ALL_INTERFACES = "0.0.0.0";

    /** Listening on every interface, as a pod needs. */
    public ExporterConfig(
            int port,
            List<String> namespaces,
            List<String> hpaLabels,
            AnnotationKeys keys,
            ZoneId zone,
            Duration staleAfter) {
        this(port, namespaces, hpaLabels, keys, zone, staleAfter, ALL_INTERFACES);
    }

    public ExporterConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        // A namespace named twice would be watched twice and every series exported twice.
        namespaces = namespaces.stream()
                .map(String::trim)
                .filter(n -> !n.isEmpty())
                .distinct()
                .toList();
        hpaLabels = List.copyOf(hpaLabels);
        PrescalingCollector.copiedLabels(hpaLabels); // fails early on a label that would clash
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(address, "address");
    }

    public boolean allNamespaces() {
        return namespaces.isEmpty();
    }
}
