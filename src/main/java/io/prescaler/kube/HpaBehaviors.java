package io.prescaler.kube;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.prescaler.hpa.Behavior;
import io.prescaler.hpa.ScalingPolicy;
import io.prescaler.hpa.ScalingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Reads {@code spec.behavior} of an autoscaling/v2 HPA into the HPA model's {@link Behavior}, with the API server's
 * defaults ({@code pkg/apis/autoscaling/v2/defaults.go}): a rules block that is absent takes the default rules, and
 * each field a present block leaves out takes the default field. An absent {@code behavior} stays absent, because
 * the controller then takes its legacy path (docs/hpa-model.md §4).
 */
public final class HpaBehaviors {

    private static final int MAX_STABILIZATION_SECONDS = 3600;
    private static final int MAX_PERIOD_SECONDS = 1800;

    private HpaBehaviors() {}

    /**
     * @throws IllegalArgumentException listing every field the API server would reject, each with its path
     */
    public static Optional<Behavior> read(HorizontalPodAutoscaler hpa) {
        HorizontalPodAutoscalerBehavior behavior =
                hpa.getSpec() == null ? null : hpa.getSpec().getBehavior();
        if (behavior == null) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        ScalingRules up =
                rules(behavior.getScaleUp(), ScalingRules.defaultScaleUp(), "spec.behavior.scaleUp", problems);
        ScalingRules down =
                rules(behavior.getScaleDown(), ScalingRules.defaultScaleDown(), "spec.behavior.scaleDown", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return Optional.of(new Behavior(up, down));
    }

    private static ScalingRules rules(
            HPAScalingRules given, ScalingRules defaults, String path, List<String> problems) {
        if (given == null) {
            return defaults;
        }
        OptionalInt window = defaults.stabilizationWindowSeconds();
        Integer seconds = given.getStabilizationWindowSeconds();
        if (seconds != null) {
            if (seconds < 0 || seconds > MAX_STABILIZATION_SECONDS) {
                problems.add(path + ".stabilizationWindowSeconds: " + seconds + " is not in 0.."
                        + MAX_STABILIZATION_SECONDS);
            }
            window = OptionalInt.of(seconds);
        }
        ScalingRules.SelectPolicy select = defaults.selectPolicy();
        if (given.getSelectPolicy() != null) {
            select = switch (given.getSelectPolicy()) {
                case "Max" -> ScalingRules.SelectPolicy.MAX;
                case "Min" -> ScalingRules.SelectPolicy.MIN;
                case "Disabled" -> ScalingRules.SelectPolicy.DISABLED;
                default -> {
                    problems.add(
                            path + ".selectPolicy: \"" + given.getSelectPolicy() + "\" is not Max, Min or Disabled");
                    yield defaults.selectPolicy();
                }
            };
        }
        // fabric8 reads an absent list as empty; the API server rejects an empty list, so empty means absent here.
        List<ScalingPolicy> policies = defaults.policies();
        if (given.getPolicies() != null && !given.getPolicies().isEmpty()) {
            policies = new ArrayList<>();
            for (int i = 0; i < given.getPolicies().size(); i++) {
                policy(given.getPolicies().get(i), path + ".policies[" + i + "]", problems)
                        .ifPresent(policies::add);
            }
        }
        OptionalDouble tolerance = defaults.tolerance();
        if (given.getTolerance() != null) {
            tolerance = tolerance(given.getTolerance(), path + ".tolerance", problems);
        }
        if (!problems.isEmpty()) {
            return defaults;
        }
        return new ScalingRules(window, select, policies, tolerance);
    }

    private static Optional<ScalingPolicy> policy(HPAScalingPolicy given, String path, List<String> problems) {
        int before = problems.size();
        ScalingPolicy.Type type = null;
        if (given == null || given.getType() == null) {
            problems.add(path + ".type: required (Pods or Percent)");
        } else if (given.getType().equals("Pods")) {
            type = ScalingPolicy.Type.PODS;
        } else if (given.getType().equals("Percent")) {
            type = ScalingPolicy.Type.PERCENT;
        } else {
            problems.add(path + ".type: \"" + given.getType() + "\" is not Pods or Percent");
        }
        Integer value = given == null ? null : given.getValue();
        if (value == null || value <= 0) {
            problems.add(path + ".value: " + (value == null ? "required" : value + " is not") + " > 0");
        }
        Integer period = given == null ? null : given.getPeriodSeconds();
        if (period == null || period <= 0 || period > MAX_PERIOD_SECONDS) {
            problems.add(path + ".periodSeconds: " + (period == null ? "required," : period + " is not") + " in 1.."
                    + MAX_PERIOD_SECONDS);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ScalingPolicy(type, value, period));
    }

    private static OptionalDouble tolerance(Quantity quantity, String path, List<String> problems) {
        try {
            double value = quantity.getNumericalAmount().doubleValue();
            if (value < 0) {
                problems.add(path + ": " + quantity + " is not >= 0");
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            problems.add(path + ": \"" + quantity + "\" is not a quantity (for example 0.05 or 50m)");
            return OptionalDouble.empty();
        }
    }
}
