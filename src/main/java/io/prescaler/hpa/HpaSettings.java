package io.prescaler.hpa;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One HPA and the cluster it runs in, as the model needs them.
 *
 * @param behavior empty means {@code spec.behavior} is absent: the controller takes the legacy path
 * @param toleranceTest the Kubernetes version's tolerance comparison
 * @param tolerance {@code --horizontal-pod-autoscaler-tolerance} (0.1 by default)
 * @param syncPeriod {@code --horizontal-pod-autoscaler-sync-period} (15 s by default)
 * @param downscaleStabilization {@code --horizontal-pod-autoscaler-downscale-stabilization} (5 min by default)
 * @param pipelineDelay D: the External values the HPA reads were computed this long before the sync
 * @param readinessDelay how long a new pod takes to become Ready (the Value target and the load metric count
 *     Ready pods)
 */
public record HpaSettings(
        int minReplicas,
        int maxReplicas,
        Optional<Behavior> behavior,
        ToleranceTest toleranceTest,
        double tolerance,
        Duration syncPeriod,
        Duration downscaleStabilization,
        Duration pipelineDelay,
        Duration readinessDelay,
        List<HpaMetric> metrics) {

    public static final double DEFAULT_TOLERANCE = 0.1;
    public static final Duration DEFAULT_SYNC_PERIOD = Duration.ofSeconds(15);
    public static final Duration DEFAULT_DOWNSCALE_STABILIZATION = Duration.ofMinutes(5);

    public HpaSettings {
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(toleranceTest, "toleranceTest");
        metrics = List.copyOf(metrics);
        if (minReplicas < 0 || maxReplicas < 1 || minReplicas > maxReplicas) {
            throw new IllegalArgumentException("replicas must satisfy 0 <= minReplicas <= maxReplicas and maxReplicas"
                    + " >= 1, got minReplicas " + minReplicas + ", maxReplicas " + maxReplicas);
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("an HPA needs at least one metric");
        }
        if (tolerance < 0) {
            throw new IllegalArgumentException("the tolerance must be >= 0, got " + tolerance);
        }
        wholePositiveSeconds("syncPeriod", syncPeriod);
        wholeSeconds("downscaleStabilization", downscaleStabilization);
        wholeSeconds("pipelineDelay", pipelineDelay);
        wholeSeconds("readinessDelay", readinessDelay);
    }

    /** An HPA with the cluster defaults, no behavior, no delays. */
    public static HpaSettings of(
            int minReplicas, int maxReplicas, ToleranceTest toleranceTest, List<HpaMetric> metrics) {
        return new HpaSettings(
                minReplicas,
                maxReplicas,
                Optional.empty(),
                toleranceTest,
                DEFAULT_TOLERANCE,
                DEFAULT_SYNC_PERIOD,
                DEFAULT_DOWNSCALE_STABILIZATION,
                Duration.ZERO,
                Duration.ZERO,
                metrics);
    }

    public HpaSettings withBehavior(Behavior value) {
        return new HpaSettings(
                minReplicas,
                maxReplicas,
                Optional.of(value),
                toleranceTest,
                tolerance,
                syncPeriod,
                downscaleStabilization,
                pipelineDelay,
                readinessDelay,
                metrics);
    }

    public HpaSettings withoutBehavior() {
        return new HpaSettings(
                minReplicas,
                maxReplicas,
                Optional.empty(),
                toleranceTest,
                tolerance,
                syncPeriod,
                downscaleStabilization,
                pipelineDelay,
                readinessDelay,
                metrics);
    }

    public HpaSettings withPipelineDelay(Duration value) {
        return new HpaSettings(
                minReplicas,
                maxReplicas,
                behavior,
                toleranceTest,
                tolerance,
                syncPeriod,
                downscaleStabilization,
                value,
                readinessDelay,
                metrics);
    }

    public HpaSettings withReadinessDelay(Duration value) {
        return new HpaSettings(
                minReplicas,
                maxReplicas,
                behavior,
                toleranceTest,
                tolerance,
                syncPeriod,
                downscaleStabilization,
                pipelineDelay,
                value,
                metrics);
    }

    public HpaSettings withToleranceTest(ToleranceTest value) {
        return new HpaSettings(
                minReplicas,
                maxReplicas,
                behavior,
                value,
                tolerance,
                syncPeriod,
                downscaleStabilization,
                pipelineDelay,
                readinessDelay,
                metrics);
    }

    public HpaSettings withMetrics(List<HpaMetric> value) {
        return new HpaSettings(
                minReplicas,
                maxReplicas,
                behavior,
                toleranceTest,
                tolerance,
                syncPeriod,
                downscaleStabilization,
                pipelineDelay,
                readinessDelay,
                value);
    }

    /** The tolerance above 1 this HPA gets: its own scaleUp.tolerance where the Kubernetes version honours it. */
    double scaleUpTolerance() {
        return behavior.filter(b -> toleranceTest.honoursPerHpaTolerance())
                .flatMap(b -> b.scaleUp().tolerance().isPresent()
                        ? Optional.of(b.scaleUp().tolerance().getAsDouble())
                        : Optional.empty())
                .orElse(tolerance);
    }

    /** The tolerance below 1 this HPA gets. */
    double scaleDownTolerance() {
        return behavior.filter(b -> toleranceTest.honoursPerHpaTolerance())
                .flatMap(b -> b.scaleDown().tolerance().isPresent()
                        ? Optional.of(b.scaleDown().tolerance().getAsDouble())
                        : Optional.empty())
                .orElse(tolerance);
    }

    boolean isWithinTolerance(double ratio) {
        return toleranceTest.isWithin(ratio, scaleUpTolerance(), scaleDownTolerance());
    }

    private static void wholeSeconds(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException(name + " must be a whole number of seconds >= 0, got " + value);
        }
    }

    private static void wholePositiveSeconds(String name, Duration value) {
        wholeSeconds(name, value);
        if (value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0");
        }
    }
}
