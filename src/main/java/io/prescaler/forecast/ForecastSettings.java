package io.prescaler.forecast;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One HPA's forecast as its annotations ask for it.
 *
 * @param mode preview or on
 * @param horizon how far ahead the forecast looks; empty for the default (the window's lead, else 15m)
 * @param headroom a fixed factor over the estimate; empty to calibrate it from the forecast's own errors
 * @param query a PromQL expression giving the HPA's demand in replicas; empty for the default signal
 */
public record ForecastSettings(
        ForecastMode mode, Optional<Duration> horizon, Optional<Double> headroom, Optional<String> query) {

    public ForecastSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(headroom, "headroom");
        Objects.requireNonNull(query, "query");
    }
}
