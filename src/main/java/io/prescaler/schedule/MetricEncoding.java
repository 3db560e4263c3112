package io.prescaler.schedule;

/**
 * The two ways an External metric makes an HPA hold a minimum. Both are always exported; the webhook injects one.
 */
public enum MetricEncoding {

    /**
     * {@code prescaling_min_replicas}, consumed with target AverageValue 1: the HPA proposes ceil(value / 1) =
     * value replicas in one step.
     *
     * <p>The HPA ignores a proposal when value / currentReplicas is within its tolerance (0.1 by default), so
     * publishing the bare minimum W would leave an HPA at 25 replicas stuck below W = 27 forever. While the HPA
     * is below the minimum we therefore publish at least the smallest integer strictly above 1.1 x current,
     * which always leaves the band (under the <= 1.32 and the >= 1.33 comparisons alike), at the cost of an
     * overshoot of at most about 10 % of W. Once at or above W we publish W itself, so nothing is asked beyond it.
     */
    DIRECT("prescaling_min_replicas", TargetType.AVERAGE_VALUE, 1) {
        @Override
        public long value(EffectiveMinimum minimum, int currentReplicas) {
            long wanted = minimum.replicas();
            if (wanted == 0 || currentReplicas <= 0 || currentReplicas >= wanted) {
                return wanted;
            }
            long smallestOutsideTolerance = (11L * currentReplicas) / 10 + 1;
            return Math.max(wanted, smallestOutsideTolerance);
        }
    },

    /**
     * {@code annotation_scaling_min_replica}, Bedrock's original, consumed with target Value 10: 0 outside the
     * window, 11 while below the minimum, 10 otherwise. Kept for HPAs written by hand for the original exporter;
     * note that Kubernetes >= 1.33 treats 11/10 as inside the tolerance band and never scales on it.
     */
    LEGACY("annotation_scaling_min_replica", TargetType.VALUE, 10) {
        @Override
        public long value(EffectiveMinimum minimum, int currentReplicas) {
            if (!minimum.asksForReplicas()) {
                return 0;
            }
            return currentReplicas < minimum.replicas() ? 11 : 10;
        }
    };

    /** The External metric target type the encoding is consumed with. */
    public enum TargetType {
        VALUE("Value"),
        AVERAGE_VALUE("AverageValue");

        private final String apiName;

        TargetType(String apiName) {
            this.apiName = apiName;
        }

        /** The name used in {@code spec.metrics[].external.target.type}. */
        public String apiName() {
            return apiName;
        }
    }

    private final String metricName;
    private final TargetType targetType;
    private final int targetValue;

    MetricEncoding(String metricName, TargetType targetType, int targetValue) {
        this.metricName = metricName;
        this.targetType = targetType;
        this.targetValue = targetValue;
    }

    public String metricName() {
        return metricName;
    }

    public TargetType targetType() {
        return targetType;
    }

    public int targetValue() {
        return targetValue;
    }

    /** The value to publish for an HPA whose effective minimum is {@code minimum} and which runs that many replicas. */
    public abstract long value(EffectiveMinimum minimum, int currentReplicas);
}
