package io.prescaler.forecast;

/** What a forecast may do to an HPA, as its {@code forecast} annotation says. */
public enum ForecastMode {
    /** Computed and exported, never raises the minimum: to watch a forecast before trusting it. */
    PREVIEW,
    /** Raises the effective minimum to the forecast (capped at maxReplicas). */
    ON
}
