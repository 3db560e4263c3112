package io.prescaler.forecast;

import java.time.Duration;
import java.util.Objects;

/** What a forecaster says of one HPA at one instant. */
public sealed interface Forecast {

    /** How much history the forecast had to learn from (what {@code prescaling_forecast_history_seconds} says). */
    Duration history();

    /**
     * A forecast: the demand expected at the horizon, in replicas, headroom included.
     *
     * @param replicas the floor asked, unrounded
     */
    record Ready(double replicas, Duration history) implements Forecast {
        public Ready {
            Objects.requireNonNull(history, "history");
            if (!(replicas >= 0) || Double.isInfinite(replicas)) {
                throw new IllegalArgumentException("a forecast is a finite number of replicas >= 0");
            }
        }
    }

    /** No forecast, and why (too little history, gaps, no data): the floor falls back to window and event. */
    record NotReady(String reason, Duration history) implements Forecast {
        public NotReady {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(history, "history");
        }
    }
}
