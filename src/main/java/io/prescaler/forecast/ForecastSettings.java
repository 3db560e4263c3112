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

    /** The settings of an HPA without forecast keys, for a backtest: on, default horizon, calibrated headroom. */
    public static final ForecastSettings DEFAULTS =
            new ForecastSettings(ForecastMode.ON, Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * The horizon: the annotation's; else the window's lead, at most {@link ForecastAnnotations#MAX_HORIZON} (the
     * capacity a window asks is ready that long ahead, so is the forecast's); else
     * {@link ForecastAnnotations#DEFAULT_HORIZON}.
     *
     * @param lead the window's lead, zero without a window or a lead
     */
    public Duration horizonWithLead(Duration lead) {
        if (horizon.isPresent()) {
            return horizon.get();
        }
        if (lead.isZero() || lead.isNegative()) {
            return ForecastAnnotations.DEFAULT_HORIZON;
        }
        return lead.compareTo(ForecastAnnotations.MAX_HORIZON) > 0 ? ForecastAnnotations.MAX_HORIZON : lead;
    }
}
