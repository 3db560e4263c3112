package io.prescaler.exporter;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.List;

/** Process-level series that tell whether the cache the metrics come from is current. */
final class CacheHealthCollector implements MultiCollector {

    private final HpaCache cache;
    private final Duration staleAfter;
    private final ForecastBoard forecasts;

    CacheHealthCollector(HpaCache cache, Duration staleAfter, ForecastBoard forecasts) {
        this.cache = cache;
        this.staleAfter = staleAfter;
        this.forecasts = forecasts;
    }

    static final List<String> SERIES = List.of(
            "prescaling_exporter_informer_synced",
            "prescaling_exporter_informer_watching",
            "prescaling_exporter_informer_down_seconds",
            "prescaling_exporter_stale",
            "prescaling_exporter_informer_last_event_timestamp_seconds",
            "prescaling_exporter_hpas",
            "prescaling_forecast_queries_total",
            "prescaling_forecast_refresh_duration_seconds",
            "prescaling_forecast_hpas");

    @Override
    public List<String> getPrometheusNames() {
        // The registry knows a counter by its name without the _total suffix.
        return SERIES.stream().map(name -> name.replaceFirst("_total$", "")).toList();
    }

    @Override
    public MetricSnapshots collect() {
        boolean watching = cache.watching();
        boolean synced = cache.synced();
        Duration down = cache.downFor();
        MetricSnapshots.Builder result = MetricSnapshots.builder()
                .metricSnapshot(gauge(
                        "prescaling_exporter_informer_synced",
                        "1 once the HPA informer has listed every watched namespace.",
                        synced ? 1 : 0))
                .metricSnapshot(gauge(
                        "prescaling_exporter_informer_watching",
                        "1 while the HPA watch is connected to the API server.",
                        watching ? 1 : 0))
                .metricSnapshot(gauge(
                        "prescaling_exporter_informer_down_seconds",
                        "How long the HPA watch has been disconnected; 0 while connected.",
                        down.toMillis() / 1000.0))
                .metricSnapshot(gauge(
                        "prescaling_exporter_stale",
                        "1 when the watch has been down longer than --stale-after after a first sync: the series"
                                + " show the last known state. 0 before the first sync, when there is no state"
                                + " (informer_synced says that).",
                        synced && down.compareTo(staleAfter) > 0 ? 1 : 0))
                .metricSnapshot(gauge("prescaling_exporter_hpas", "HPAs in the informer cache.", cache.size()))
                .metricSnapshot(CounterSnapshot.builder()
                        .name("prescaling_forecast_queries")
                        .help("Requests sent to Prometheus for the forecasts' history since the exporter started.")
                        .dataPoint(CounterDataPointSnapshot.builder()
                                .value(forecasts.queries())
                                .build())
                        .build())
                .metricSnapshot(gauge(
                        "prescaling_forecast_refresh_duration_seconds",
                        "How long the last refresh of every forecast HPA took; 0 before the first.",
                        forecasts.lastRound().toNanos() / 1e9))
                .metricSnapshot(gauge(
                        "prescaling_forecast_hpas",
                        "HPAs whose forecast annotation is on or preview, as of the last refresh.",
                        forecasts.size()));
        cache.lastEvent()
                .ifPresent(at -> result.metricSnapshot(gauge(
                        "prescaling_exporter_informer_last_event_timestamp_seconds",
                        "When the informer last saw an HPA added, changed or deleted (Unix time).",
                        at.toEpochMilli() / 1000.0)));
        return result.build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder()
                .name(name)
                .help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build())
                .build();
    }
}
