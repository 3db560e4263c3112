package io.prescaler.exporter;

import io.prescaler.forecast.Forecast;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the refresh loop last learned of one HPA, as the scrapes read it: immutable, replaced whole after each
 * refresh, so a scrape reads it without a lock and without calling Prometheus.
 *
 * @param forecast the last forecast computed (or why there is none)
 * @param lastRefresh when history was last read successfully; empty before the first success
 * @param errors failed refreshes since the exporter started
 */
record ForecastView(Forecast forecast, Optional<Instant> lastRefresh, long errors) {

    ForecastView {
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(lastRefresh, "lastRefresh");
    }

    /** Whether the last successful refresh is recent enough for its forecast to count at {@code now}. */
    boolean fresh(Instant now, Duration staleAfter) {
        return lastRefresh.isPresent()
                && Duration.between(lastRefresh.get(), now).compareTo(staleAfter) <= 0;
    }

    /** The forecast in replicas, when it is ready and fresh at {@code now}. */
    Optional<Double> replicas(Instant now, Duration staleAfter) {
        return forecast instanceof Forecast.Ready ready && fresh(now, staleAfter)
                ? Optional.of(ready.replicas())
                : Optional.empty();
    }
}
