package io.prescaler.hpa;

/**
 * How the HPA decides that a usage ratio is close enough to 1 to leave the replicas alone. The comparison changed in
 * Kubernetes 1.33 (KEP-4951), and the change flips the ratio 1.1 (Bedrock's 11/10) from "scale" to "no change".
 */
public enum ToleranceTest {

    /** Kubernetes 1.26 to 1.32: no change when |1 - ratio| <= tolerance; one cluster-wide tolerance. */
    UP_TO_1_32 {
        @Override
        boolean isWithin(double ratio, double scaleUpTolerance, double scaleDownTolerance) {
            // Both tolerances equal the cluster flag here; the Value path tests <=, the AverageValue path tests the
            // complement >, so one predicate serves both.
            return Math.abs(1.0 - ratio) <= scaleUpTolerance;
        }
    },

    /**
     * Kubernetes 1.33 and later: no change when (1 - down) <= ratio <= (1 + up); per-HPA tolerances from
     * behavior.scaleUp/scaleDown.tolerance (honoured here as if the HPAConfigurableTolerance gate were on, the default
     * from 1.35).
     */
    FROM_1_33 {
        @Override
        boolean isWithin(double ratio, double scaleUpTolerance, double scaleDownTolerance) {
            return (1.0 - scaleDownTolerance) <= ratio && ratio <= (1.0 + scaleUpTolerance);
        }
    };

    abstract boolean isWithin(double ratio, double scaleUpTolerance, double scaleDownTolerance);

    /** Whether per-HPA tolerances in behavior are honoured. */
    boolean honoursPerHpaTolerance() {
        return this == FROM_1_33;
    }
}
