package io.prescaler.exporter;

import io.prescaler.forecast.ForecastAnnotations;
import java.time.Duration;
import java.util.Objects;

/**
 * How the exporter refreshes the forecasts, read once from flags.
 *
 * @param interval time between two refreshes of every forecast HPA (from the end of one to the start of the next)
 * @param staleAfter how long a forecast still counts after its last successful refresh; then the minimum falls back
 *     to the window and event floors
 * @param concurrency HPAs read from Prometheus at once
 * @param history how far back the first read of an HPA goes, and how much history is held per HPA
 * @param step the resolution of the history held: each slot is the highest demand of its step
 * @param defaultHorizon how far ahead an HPA's forecast looks when neither its forecast.horizon nor its lead says
 */
public record ForecastConfig(
        Duration interval,
        Duration staleAfter,
        int concurrency,
        Duration history,
        Duration step,
        Duration defaultHorizon) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(30);
    public static final int DEFAULT_CONCURRENCY = 4;
    public static final Duration DEFAULT_HISTORY = Duration.ofDays(28);
    public static final Duration DEFAULT_STEP = Duration.ofMinutes(5);
    public static final Duration DEFAULT_HORIZON = Duration.ofMinutes(15);

    /** The most slots one HPA may hold: 28 days at 1-minute steps. */
    static final long MAX_SLOTS = 28 * 24 * 60;

    public static final ForecastConfig DEFAULTS = new ForecastConfig(
            DEFAULT_INTERVAL, DEFAULT_STALE_AFTER, DEFAULT_CONCURRENCY, DEFAULT_HISTORY, DEFAULT_STEP, DEFAULT_HORIZON);

    public ForecastConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(defaultHorizon, "defaultHorizon");
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("--forecast-concurrency must be from 1 to 64, got " + concurrency);
        }
        if (step.toSeconds() < 60 || step.toSeconds() % 60 != 0 || step.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("--forecast-step must be whole minutes, got " + step);
        }
        if (defaultHorizon.compareTo(ForecastAnnotations.MIN_HORIZON) < 0
                || defaultHorizon.compareTo(ForecastAnnotations.MAX_HORIZON) > 0) {
            throw new IllegalArgumentException("--forecast-horizon must be from 1m to 6h, got " + defaultHorizon);
        }
        if (history.compareTo(step.multipliedBy(2)) < 0 || history.dividedBy(step) > MAX_SLOTS) {
            throw new IllegalArgumentException("--forecast-history must hold from 2 to " + MAX_SLOTS
                    + " steps of --forecast-step; got " + history + " of " + step);
        }
    }

    /** The slots of history held per HPA. */
    int slots() {
        return (int) history.dividedBy(step);
    }
}
