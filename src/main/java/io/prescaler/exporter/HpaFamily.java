package io.prescaler.exporter;

import io.prescaler.schedule.MetricEncoding;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** The metric families that carry one or more data points per exported HPA, with their help texts. */
enum HpaFamily {
    DIRECT(
            MetricEncoding.DIRECT.metricName(),
            "Replicas the HPA should hold now, for an External metric with target AverageValue 1; 0 outside"
                    + " the window. Raised slightly above the minimum while the HPA is below it, so the HPA's"
                    + " tolerance cannot hold it there."),
    LEGACY(
            MetricEncoding.LEGACY.metricName(),
            "Bedrock's original signal for target Value 10: 0 outside the window, 11 below the minimum,"
                    + " 10 otherwise."),
    EFFECTIVE(PrescalingCollector.EFFECTIVE, "Minimum the HPA should hold now (multiplier and cap applied)."),
    CONFIGURED(PrescalingCollector.CONFIGURED, "Minimum replicas the annotations ask for in the window."),
    MULTIPLIER(PrescalingCollector.MULTIPLIER, "Event multiplier applying now; 1 when no event applies."),
    EVENT_INFO(PrescalingCollector.EVENT_INFO, "The event whose multiplier applies now."),
    WINDOW_ACTIVE(PrescalingCollector.WINDOW_ACTIVE, "1 while the HPA's daily window is open."),
    CURRENT(PrescalingCollector.CURRENT, "status.currentReplicas of the HPA, as last seen."),
    DEMAND(
            PrescalingCollector.DEMAND,
            "Replicas the HPA's other metrics ask for, unrounded (the HPA's formula, the prescaling metrics left"
                    + " out); absent when none of them reports a current value or the target runs no replica."),
    MIN_SOURCE(
            PrescalingCollector.MIN_SOURCE,
            "1 for the source that sets the effective minimum now (window, event, forecast or spike); absent when nothing"
                    + " is asked."),
    SHORTFALL(
            PrescalingCollector.SHORTFALL,
            "Replicas the HPA is below its effective minimum: max(0, effective minimum - current replicas)."),
    DEMAND_VELOCITY(
            PrescalingCollector.DEMAND_VELOCITY,
            "Change of the demand per minute over the spike guard's five-minute window, in replicas per minute;"
                    + " absent until the window spans a minute."),
    DEMAND_ACCELERATION(
            PrescalingCollector.DEMAND_ACCELERATION,
            "Velocity of the recent half of the spike guard's window minus that of the older half, per minute, in"
                    + " replicas per minute per minute; absent until the window spans four minutes."),
    SPIKE_ACTIVE(PrescalingCollector.SPIKE_ACTIVE, "1 while the spike guard holds a spike (on or preview)."),
    SPIKE_FLOOR(
            PrescalingCollector.SPIKE_FLOOR,
            "Replicas the spike guard asks for while a spike holds, 0 otherwise; raises the effective minimum only"
                    + " when the guard is on (not in preview)."),
    ANNOTATION_ERROR(
            PrescalingCollector.ANNOTATION_ERROR, "1 for each prescaling annotation of the HPA that is invalid."),
    FORECAST_REPLICAS(
            PrescalingCollector.FORECAST_REPLICAS,
            "The demand the forecast expects at its horizon, headroom included, unrounded; absent while the forecast"
                    + " is not ready or stale."),
    FORECAST_READY(
            PrescalingCollector.FORECAST_READY,
            "1 while the HPA's forecast is ready and fresh; 0 with too little history, without --prometheus-url, or"
                    + " once no history was read for --forecast-stale-after."),
    FORECAST_HISTORY(
            PrescalingCollector.FORECAST_HISTORY, "How much demand history the HPA's last forecast learned from."),
    FORECAST_LAST_REFRESH(
            PrescalingCollector.FORECAST_LAST_REFRESH,
            "When the HPA's demand history was last read from Prometheus (Unix time); absent before the first read."),
    FORECAST_ERRORS(
            PrescalingCollector.FORECAST_ERRORS,
            "Refreshes of the HPA's forecast that failed (Prometheus unreachable, a PromQL error, ...) since the"
                    + " exporter started.");

    private static final String INFO_SUFFIX = "_info";
    private static final String TOTAL_SUFFIX = "_total";

    private final String seriesName;
    private final String help;

    HpaFamily(String seriesName, String help) {
        this.seriesName = seriesName;
        this.help = help;
    }

    /** The name of the series as a scrape shows it. */
    String seriesName() {
        return seriesName;
    }

    /**
     * The name client_java knows the family by: an info metric is named without its {@code _info} suffix, which
     * the writer adds back.
     */
    String metricName() {
        if (this == EVENT_INFO) {
            return seriesName.substring(0, seriesName.length() - INFO_SUFFIX.length());
        }
        // A counter likewise, without its _total suffix.
        return this == FORECAST_ERRORS
                ? seriesName.substring(0, seriesName.length() - TOTAL_SUFFIX.length())
                : seriesName;
    }

    /** This family's snapshot holding the given points, all of this family; empty when there are none. */
    MetricSnapshot snapshot(List<HpaSeries.Point> points) {
        if (this == EVENT_INFO) {
            InfoSnapshot.Builder builder =
                    InfoSnapshot.builder().name(metricName()).help(help);
            points.forEach(point -> builder.dataPoint(
                    InfoDataPointSnapshot.builder().labels(point.labels()).build()));
            return builder.build();
        }
        if (this == FORECAST_ERRORS) {
            CounterSnapshot.Builder builder =
                    CounterSnapshot.builder().name(metricName()).help(help);
            points.forEach(point -> builder.dataPoint(CounterDataPointSnapshot.builder()
                    .labels(point.labels())
                    .value(point.value())
                    .build()));
            return builder.build();
        }
        GaugeSnapshot.Builder builder =
                GaugeSnapshot.builder().name(metricName()).help(help);
        points.forEach(point -> builder.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(point.labels())
                .value(point.value())
                .build()));
        return builder.build();
    }
}
