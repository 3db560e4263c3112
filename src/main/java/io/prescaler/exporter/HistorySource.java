package io.prescaler.exporter;

import io.prescaler.history.RangeResult;
import java.time.Duration;
import java.time.Instant;

/** Where the refresh loop reads demand history: Prometheus ({@code PrometheusClient::queryRange}). */
@FunctionalInterface
public interface HistorySource {

    RangeResult queryRange(String query, Instant start, Instant end, Duration step);
}
