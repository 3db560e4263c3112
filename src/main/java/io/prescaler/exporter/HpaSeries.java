package io.prescaler.exporter;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The data points one HPA contributes to a scrape. Two equal values render to the same lines, which is what lets
 * {@link SeriesLineCache} reuse an HPA's lines from one scrape to the next.
 *
 * @param key {@code namespace/name} of the HPA, or that followed by the part of its series kept apart (its demand)
 */
record HpaSeries(String key, List<Point> points) {

    HpaSeries {
        points = List.copyOf(points);
    }

    /** One data point; {@code value} is 1 for the info family, whose lines carry no value of their own. */
    record Point(HpaFamily family, Labels labels, double value) {}

    /** The snapshots of every per-HPA family for these HPAs, as client_java would collect them. */
    static MetricSnapshots snapshots(List<HpaSeries> series) {
        Map<HpaFamily, List<Point>> byFamily = new EnumMap<>(HpaFamily.class);
        for (HpaFamily family : HpaFamily.values()) {
            byFamily.put(family, new ArrayList<>());
        }
        for (HpaSeries hpa : series) {
            for (Point point : hpa.points()) {
                byFamily.get(point.family()).add(point);
            }
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        byFamily.forEach((family, points) -> snapshots.add(family.snapshot(points)));
        return new MetricSnapshots(snapshots);
    }
}
