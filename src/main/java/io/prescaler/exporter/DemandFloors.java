package io.prescaler.exporter;

import io.prescaler.forecast.ForecastMode;
import io.prescaler.forecast.ForecastReading;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.MinimumSource;
import io.prescaler.schedule.PrescalingDecision;
import io.prescaler.spike.SpikeMode;
import io.prescaler.spike.SpikeReading;
import io.prescaler.spike.SpikeState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The floors the exporter computes from an HPA's demand, in the one order every answer applies them: the window's
 * or event's decision, raised by the forecast when it is {@code on}, ready and fresh, then by the spike guard when it
 * is {@code on} and a spike holds. The HPA series and the KEDA scaler's answers both come from here, so a
 * ScaledObject's value and its HPA's cannot disagree. Invalid window annotations ask for nothing, floors or not.
 */
public final class DemandFloors {

    private final ForecastBoard forecasts;
    private final SpikeGuards spikes;

    DemandFloors(ForecastBoard forecasts, SpikeGuards spikes) {
        this.forecasts = Objects.requireNonNull(forecasts, "forecasts");
        this.spikes = Objects.requireNonNull(spikes, "spikes");
    }

    /**
     * @param hpaKey {@code namespace/name} of the HPA whose demand the floors learn from (for a ScaledObject, the HPA
     *     KEDA built for it, which carries the ScaledObject's annotations)
     */
    public PrescalingDecision raise(
            PrescalingDecision decision,
            String hpaKey,
            ForecastReading forecast,
            SpikeReading spike,
            int maxReplicas,
            int currentReplicas,
            Instant now) {
        if (decision.reading() instanceof AnnotationReading.Invalid) {
            return decision;
        }
        PrescalingDecision raised = decision;
        if (forecast instanceof ForecastReading.Valid valid && valid.settings().mode() == ForecastMode.ON) {
            Optional<Double> expected =
                    forecasts.view(hpaKey).flatMap(view -> view.replicas(now, forecasts.staleAfter()));
            if (expected.isPresent()) {
                int floor = (int) Math.min(Integer.MAX_VALUE, Math.ceil(expected.get()));
                raised = raised.raisedBy(MinimumSource.FORECAST, floor, maxReplicas, currentReplicas);
            }
        }
        if (spike instanceof SpikeReading.Valid valid && valid.settings().mode() == SpikeMode.ON) {
            Optional<SpikeState> state = spikes.state(hpaKey);
            if (state.isPresent() && state.get().active()) {
                raised = raised.raisedBy(MinimumSource.SPIKE, state.get().floor(), maxReplicas, currentReplicas);
            }
        }
        return raised;
    }
}
