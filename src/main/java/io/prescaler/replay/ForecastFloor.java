package io.prescaler.replay;

import io.prescaler.demand.DemandCurve;
import io.prescaler.forecast.ForecastTimeline;
import io.prescaler.forecast.SeasonalForecaster;
import io.prescaler.schedule.MinimumSource;
import io.prescaler.schedule.TimeSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The forecast policy's floor over a replay, as the exporter would hold it ({@link ForecastTimeline}): refreshed
 * every 5 minutes, each refresh trained only on the demand before it, rounded up to whole replicas; no floor while
 * the forecast is not ready.
 */
public final class ForecastFloor implements DemandFloor {

    /** The exporter's default refresh interval. */
    public static final Duration REFRESH = ForecastTimeline.REFRESH;

    private final ForecastTimeline timeline;

    private ForecastFloor(ForecastTimeline timeline) {
        this.timeline = timeline;
    }

    /**
     * Forecasts every refresh from {@code from} to {@code to}.
     *
     * @param excluded the spans left out of training (events)
     */
    public static ForecastFloor of(
            SeasonalForecaster forecaster,
            DemandCurve demand,
            List<TimeSpan> excluded,
            Duration horizon,
            Instant from,
            Instant to) {
        return new ForecastFloor(ForecastTimeline.of(forecaster, demand, excluded, horizon, from, to));
    }

    @Override
    public MinimumSource source() {
        return MinimumSource.FORECAST;
    }

    @Override
    public int replicasAt(Instant at) {
        return timeline.replicasAt(at);
    }

    /** When the forecast was not ready during the replay, and why; empty when it always was. */
    public Optional<ForecastTimeline.NotReadySpan> notReady() {
        return timeline.notReady();
    }
}
