package io.prescaler.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything decided for one HPA at one instant: what its annotations say, the minimum to hold and the value of
 * each metric encoding. An HPA with invalid annotations asks for nothing, but still gets its 0 samples: a missing
 * series would block its scale-in.
 */
public record PrescalingDecision(
        AnnotationReading reading, EffectiveMinimum minimum, long directValue, long legacyValue) {

    public PrescalingDecision {
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(minimum, "minimum");
    }

    public static PrescalingDecision decide(
            AnnotationReading reading, int maxReplicas, int currentReplicas, Instant now) {
        EffectiveMinimum minimum = reading instanceof AnnotationReading.Valid valid
                ? EffectiveMinimum.of(valid.spec(), maxReplicas, now)
                : EffectiveMinimum.NONE;
        return new PrescalingDecision(
                reading,
                minimum,
                MetricEncoding.DIRECT.value(minimum, currentReplicas),
                MetricEncoding.LEGACY.value(minimum, currentReplicas));
    }

    /**
     * This decision with a floor computed from demand (the forecast, the spike guard) in its minimum, through
     * {@link EffectiveMinimum#raisedBy}, and both metric values computed again for it; this decision itself when the
     * floor changes nothing. The one place the exporter and the KEDA scaler raise a minimum.
     */
    public PrescalingDecision raisedBy(MinimumSource source, int floorReplicas, int maxReplicas, int currentReplicas) {
        EffectiveMinimum raised = minimum.raisedBy(source, floorReplicas, maxReplicas);
        if (raised == minimum) {
            return this;
        }
        return new PrescalingDecision(
                reading,
                raised,
                MetricEncoding.DIRECT.value(raised, currentReplicas),
                MetricEncoding.LEGACY.value(raised, currentReplicas));
    }

    public long value(MetricEncoding encoding) {
        return encoding == MetricEncoding.DIRECT ? directValue : legacyValue;
    }
}
