package io.prescaler.hpa;

import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.MetricEncoding;
import java.util.Optional;

/** What an exporter publishes for a prescaled HPA whose window opens at second 0, as an External metric. */
public enum PrescaleSignal {

    /** Bedrock's original: 0/11/10 with target Value 10 ({@link MetricEncoding#LEGACY}). */
    BEDROCK(MetricEncoding.LEGACY) {
        @Override
        double value(int minimum, int seen) {
            return MetricEncoding.LEGACY.value(minimumOf(minimum), seen);
        }
    },

    /** The bare minimum W with target AverageValue 1: the naive direct encoding, for comparison. */
    PLAIN_MINIMUM(MetricEncoding.DIRECT) {
        @Override
        double value(int minimum, int seen) {
            return minimum;
        }
    },

    /** Prescaler's {@code prescaling_min_replicas} ({@link MetricEncoding#DIRECT}), with its tolerance bump. */
    DIRECT(MetricEncoding.DIRECT) {
        @Override
        double value(int minimum, int seen) {
            return MetricEncoding.DIRECT.value(minimumOf(minimum), seen);
        }
    };

    private final MetricEncoding consumedAs;

    PrescaleSignal(MetricEncoding consumedAs) {
        this.consumedAs = consumedAs;
    }

    /** The value published while the window is open, for a minimum and the replicas the exporter sees. */
    abstract double value(int minimum, int seen);

    /** The metric as the HPA consumes it: 0 before second 0 and from {@code windowEnd} on, the signal in between. */
    public HpaMetric.External metric(int minimum, long windowEnd, ExporterView view) {
        return HpaMetric.External.of(
                consumedAs, (at, observed) -> at < 0 || at >= windowEnd ? 0 : value(minimum, view.seen(observed)));
    }

    private static EffectiveMinimum minimumOf(int minimum) {
        return new EffectiveMinimum(minimum, minimum, true, Optional.empty(), false);
    }

    /** Which replica count the exporter reads. */
    public enum ExporterView {
        /** The Deployment's spec.replicas (docs/hpa-model.md §6's default assumption). */
        DEPLOYMENT_SPEC,
        /** The HPA's status.currentReplicas, one sync behind: what Prescaler's exporter and Bedrock's read. */
        HPA_STATUS;

        int seen(ObservedReplicas observed) {
            return this == DEPLOYMENT_SPEC ? observed.deploymentSpec() : observed.hpaStatusCurrent();
        }
    }
}
