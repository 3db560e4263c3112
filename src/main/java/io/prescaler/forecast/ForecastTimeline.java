package io.prescaler.forecast;

import io.prescaler.demand.DemandCurve;
import io.prescaler.schedule.TimeSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A forecast floor over a span, as the exporter would hold it: refreshed every {@link #REFRESH} (the exporter's
 * default {@code --forecast-interval}), each refresh trained only on the demand before its instant (the curve is
 * read once; the forecaster reads nothing at or after the refresh's minute), the forecast for the refresh plus the
 * horizon, rounded up to whole replicas and held until the next refresh; 0 while the forecast is not ready. What
 * {@code replay}'s forecast policy holds and {@code plan}'s FORECAST column shows.
 */
public final class ForecastTimeline {

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

    private ForecastTimeline(long from, long step, int[] replicas, Optional<NotReadySpan> notReady) {
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
    public static ForecastTimeline of(
            SeasonalForecaster forecaster,
            DemandCurve demand,
            List<TimeSpan> excluded,
            Duration horizon,
            Instant from,
            Instant to) {
        Objects.requireNonNull(forecaster, "forecaster");
        Instant read = from.minus(SeasonalForecaster.MAX_HISTORY);
        Instant first = read.isBefore(demand.first()) ? demand.first() : read;
        DemandSlots slots = DemandSlots.of(demand, first.isAfter(to) ? to : first, to, excluded);
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
        return new ForecastTimeline(
                from.getEpochSecond(),
                REFRESH.toSeconds(),
                replicas,
                missing == 0
                        ? Optional.empty()
                        : Optional.of(new NotReadySpan(firstMissing, lastMissing, missing, reason)));
    }

    /** The floor held at {@code at}, in whole replicas; 0 when there was no forecast. */
    public int replicasAt(Instant at) {
        long index = Math.floorDiv(at.getEpochSecond() - from, step);
        return replicas[(int) Math.max(0, Math.min(replicas.length - 1, index))];
    }

    /** Whether the refresh in force at {@code at} had a forecast. */
    public boolean readyAt(Instant at) {
        return replicasAt(at) > 0
                || notReady.isEmpty()
                || at.isBefore(notReady.get().first())
                || !at.isBefore(notReady.get().last().plus(REFRESH));
    }

    /** When the forecast was not ready during the span, and why; empty when it always was. */
    public Optional<NotReadySpan> notReady() {
        return notReady;
    }
}
