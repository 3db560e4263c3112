package io.prescaler.forecast;

import java.util.Objects;
import java.util.Optional;

/**
 * A forecast with how it was made, for the docs' explanations, {@code plan} and {@code replay}.
 *
 * @param forecast ready (estimate x headroom) or not, and why
 * @param season the season chosen; empty when not ready
 * @param estimate the robust estimate before the headroom, in replicas; 0 when not ready
 * @param headroom the factor applied; 0 when not ready
 * @param calibrated whether the headroom was calibrated from the forecast's own errors (false: fixed by the
 *     annotation, or the default while too few errors are known)
 */
public record SeasonalEstimate(
        Forecast forecast, Optional<Season> season, double estimate, double headroom, boolean calibrated) {

    public SeasonalEstimate {
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(season, "season");
    }

    static SeasonalEstimate notReady(Forecast.NotReady notReady) {
        return new SeasonalEstimate(notReady, Optional.empty(), 0, 0, false);
    }
}
