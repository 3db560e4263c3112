package io.prescaler.install;

import io.prescaler.exporter.PrescalingCollector;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prometheus.metrics.model.registry.MultiCollector;
import java.lang.reflect.Constructor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The metric names the exporter serves, read from its collectors rather than copied. */
final class ExportedMetrics {

    /**
     * The exporter's one histogram (registered in ExporterServer's constructor, which needs a running informer);
     * Prometheus serves it as _bucket, _sum and _count series.
     */
    static final String SCRAPE_DURATION_HISTOGRAM = "prescaling_exporter_scrape_duration_seconds";

    private ExportedMetrics() {}

    /** Every name a PromQL query may use: gauges, and the histogram's series. */
    static Set<String> seriesNames() {
        Set<String> names = new TreeSet<>();
        names.addAll(new PrescalingCollector(
                        List::of,
                        new AnnotationParser(AnnotationKeys.DEFAULT, ZoneOffset.UTC),
                        Clock.fixed(Instant.parse("2026-03-29T12:00:00Z"), ZoneOffset.UTC),
                        List.of())
                .getPrometheusNames());
        names.addAll(cacheHealthCollector().getPrometheusNames());
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            names.add(SCRAPE_DURATION_HISTOGRAM + suffix);
        }
        return names;
    }

    /**
     * CacheHealthCollector is package-private in the exporter; its names do not depend on its cache, so it is built
     * with none rather than keeping a copy of its names here that could drift.
     */
    private static MultiCollector cacheHealthCollector() {
        try {
            Class<?> type = Class.forName("io.prescaler.exporter.CacheHealthCollector");
            Constructor<?> constructor =
                    type.getDeclaredConstructor(Class.forName("io.prescaler.exporter.HpaCache"), Duration.class);
            constructor.setAccessible(true);
            return (MultiCollector) constructor.newInstance(null, Duration.ofMinutes(2));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot read the exporter's cache health metric names: " + e.getMessage(), e);
        }
    }
}
