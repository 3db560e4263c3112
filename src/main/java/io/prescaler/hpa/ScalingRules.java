package io.prescaler.hpa;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * {@code behavior.scaleUp} or {@code behavior.scaleDown} after the API defaults.
 *
 * @param stabilizationWindowSeconds empty for scale-down means the controller flag (300 s by default)
 * @param tolerance the per-HPA tolerance (Kubernetes >= 1.33); empty means the cluster flag
 */
public record ScalingRules(
        OptionalInt stabilizationWindowSeconds,
        SelectPolicy selectPolicy,
        List<ScalingPolicy> policies,
        OptionalDouble tolerance) {

    public enum SelectPolicy {
        MAX,
        MIN,
        DISABLED
    }

    public ScalingRules {
        Objects.requireNonNull(stabilizationWindowSeconds, "stabilizationWindowSeconds");
        Objects.requireNonNull(selectPolicy, "selectPolicy");
        policies = List.copyOf(policies);
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isPresent() && tolerance.getAsDouble() < 0) {
            throw new IllegalArgumentException("a tolerance must be >= 0, got " + tolerance.getAsDouble());
        }
    }

    /** The API default for scaleUp: no stabilization, at most max(4 pods, 100 %) per 15 s. */
    public static ScalingRules defaultScaleUp() {
        return new ScalingRules(
                OptionalInt.of(0),
                SelectPolicy.MAX,
                List.of(ScalingPolicy.pods(4, 15), ScalingPolicy.percent(100, 15)),
                OptionalDouble.empty());
    }

    /** The API default for scaleDown: the controller's stabilization window, at most 100 % per 15 s. */
    public static ScalingRules defaultScaleDown() {
        return new ScalingRules(
                OptionalInt.empty(), SelectPolicy.MAX, List.of(ScalingPolicy.percent(100, 15)), OptionalDouble.empty());
    }

    public ScalingRules withTolerance(double value) {
        return new ScalingRules(stabilizationWindowSeconds, selectPolicy, policies, OptionalDouble.of(value));
    }

    public ScalingRules withStabilizationWindowSeconds(int seconds) {
        return new ScalingRules(OptionalInt.of(seconds), selectPolicy, policies, tolerance);
    }

    int longestPeriodSeconds() {
        return policies.stream().mapToInt(ScalingPolicy::periodSeconds).max().orElse(0);
    }
}
