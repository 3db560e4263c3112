package io.prescaler.scaler;

import io.prescaler.forecast.ForecastReading;
import io.prescaler.schedule.PrescalingDecision;
import io.prescaler.spike.SpikeReading;
import java.time.Instant;

/**
 * The floors the exporter learns from demand (the forecast, the spike guard), applied to a ScaledObject's decision
 * exactly as to an HPA's: the exporter hands in its own ({@code exporter.DemandFloors::raise}), so the scaler never
 * computes them a second way.
 */
@FunctionalInterface
public interface DemandFloorSource {

    /** No floors from demand: the window and the events alone. */
    DemandFloorSource NONE = (decision, hpaKey, forecast, spike, maxReplicas, currentReplicas, now) -> decision;

    /**
     * @param hpaKey {@code namespace/name} of the HPA KEDA built for the ScaledObject: its status updates feed the
     *     spike guard and its demand series the forecast (KEDA copies the ScaledObject's annotations onto it)
     */
    PrescalingDecision raise(
            PrescalingDecision decision,
            String hpaKey,
            ForecastReading forecast,
            SpikeReading spike,
            int maxReplicas,
            int currentReplicas,
            Instant now);
}
