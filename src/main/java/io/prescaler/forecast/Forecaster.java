package io.prescaler.forecast;

import io.prescaler.demand.DemandCurve;
import io.prescaler.schedule.TimeSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Learns an HPA's demand from its own history and says what it will be a horizon ahead. Pure: the exporter feeds
 * it history read from Prometheus, {@code replay} the demand before each instant of a backtest.
 */
public interface Forecaster {

    /**
     * The demand expected at {@code now + horizon}.
     *
     * @param history the HPA's demand, only what is known at {@code now} (nothing after it is read)
     * @param excluded spans left out of learning (where an event of the events file applied to the HPA)
     */
    Forecast forecast(DemandCurve history, Instant now, Duration horizon, List<TimeSpan> excluded);
}
