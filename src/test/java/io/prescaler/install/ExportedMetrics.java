package io.prescaler.install;

import io.prescaler.exporter.ExportedSeries;
import java.util.Set;
import java.util.TreeSet;

/** The metric names the exporter serves, read from the exporter rather than copied. */
final class ExportedMetrics {

    private ExportedMetrics() {}

    /** Every name a PromQL query may use: gauges, and the histogram's series. */
    static Set<String> seriesNames() {
        return new TreeSet<>(ExportedSeries.names());
    }
}
