package io.prescaler.replay;

import io.prescaler.demand.DemandCurve;
import io.prescaler.forecast.DemandSlots;
import io.prescaler.forecast.Forecast;
import io.prescaler.forecast.SeasonalForecaster;
import io.prescaler.schedule.MinimumSource;
import io.prescaler.schedule.TimeSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The forecast policy's floor over a replay, as the exporter would hold it: refreshed every {@link #REFRESH} (the
 * exporter's default {@code --forecast-interval}), each refresh trained only on the demand before its instant (the
 * curve is read once; the forecaster reads nothing at or after the refresh's minute), the forecast for the refresh
 * plus the horizon, rounded up to whole replicas and held until the next refresh. No floor while the forecast is
 * not ready.
 */
public final class ForecastFloor implements DemandFloor {

    /** The exporter's default refresh interval. */
    public static final Duration REFRESH = Duration.ofMinutes(5);

    private final long from;
    private final long step;
    private final int[] replicas;
    private final Optional<NotReadySpan> notReady;

    /**
     * The first and last refreshes without a forecast, how many there were and the last one's reason.
     *
     * @param refreshes how many refreshes had no forecast
     */
    public record NotReadySpan(Instant first, Instant last, int refreshes, String reason) {}

    private ForecastFloor(long from, long step, int[] replicas, Optional<NotReadySpan> notReady) {
        this.from = from;
        this.step = step;
        this.replicas = replicas;
        this.notReady = notReady;
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
        Objects.requireNonNull(forecaster, "forecaster");
        Instant read = from.minus(SeasonalForecaster.MAX_HISTORY);
        DemandSlots slots = DemandSlots.of(demand, read.isBefore(demand.first()) ? demand.first() : read, to, excluded);
        int count = (int) Math.max(1, -Math.floorDiv(-Duration.between(from, to).toSeconds(), REFRESH.toSeconds()));
        int[] replicas = new int[count];
        Instant firstMissing = null;
        Instant lastMissing = null;
        int missing = 0;
        String reason = "";
        for (int i = 0; i < count; i++) {
            Instant at = from.plus(REFRESH.multipliedBy(i));
            Forecast forecast = forecaster.estimate(slots, at, horizon).forecast();
            if (forecast instanceof Forecast.Ready ready) {
                replicas[i] = (int) Math.min(Integer.MAX_VALUE, Math.ceil(ready.replicas() - 1e-9));
            } else if (forecast instanceof Forecast.NotReady not) {
                firstMissing = firstMissing == null ? at : firstMissing;
                lastMissing = at;
                missing++;
                reason = not.reason();
            }
        }
        return new ForecastFloor(
                from.getEpochSecond(),
                REFRESH.toSeconds(),
                replicas,
                missing == 0
                        ? Optional.empty()
                        : Optional.of(new NotReadySpan(firstMissing, lastMissing, missing, reason)));
    }

    @Override
    public MinimumSource source() {
        return MinimumSource.FORECAST;
    }

    @Override
    public int replicasAt(Instant at) {
        long index = Math.floorDiv(at.getEpochSecond() - from, step);
        return replicas[(int) Math.max(0, Math.min(replicas.length - 1, index))];
    }

    /** When the forecast was not ready during the replay, and why; empty when it always was. */
    public Optional<NotReadySpan> notReady() {
        return notReady;
    }
}
