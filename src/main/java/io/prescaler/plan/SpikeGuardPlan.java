package io.prescaler.plan;

import io.prescaler.hpa.Behavior;
import io.prescaler.hpa.HpaMetric;
import io.prescaler.hpa.HpaSettings;
import io.prescaler.hpa.HpaSimulator;
import io.prescaler.hpa.ScalingRules;
import io.prescaler.hpa.Step;
import io.prescaler.hpa.ToleranceTest;
import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.Durations;
import io.prescaler.spike.SpikeMode;
import io.prescaler.spike.SpikeSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code plan} says of an HPA's spike guard: its settings in one line, and whether the HPA's
 * {@code behavior.scaleUp} lets it follow the guard's floor. A scale-up policy slower than the floor still limits it:
 * the guard raises the minimum, the HPA climbs to it at the pace its behavior allows. The check runs the project's
 * HPA model from the replicas the HPA runs (status.currentReplicas, else minReplicas) to the largest raise the guard
 * asks at once, {@code maxFactor} times that, and warns when the model needs longer than the guard's lookahead.
 *
 * @param hpa the HPA
 * @param settings its spike guard
 * @param behavior its {@code spec.behavior} with the API defaults; empty for the controller's legacy path
 */
public record SpikeGuardPlan(HpaFacts hpa, SpikeSettings settings, Optional<Behavior> behavior) {

    public SpikeGuardPlan {
        Objects.requireNonNull(hpa, "hpa");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(behavior, "behavior");
    }

    /** The setting in one line: {@code shop/api: spike guard on: fires at velocity 30%/min or ...}. */
    public String describe() {
        return hpa.key() + ": spike guard " + settings.mode().label()
                + (settings.mode() == SpikeMode.PREVIEW ? " (exported, never raises the minimum)" : "")
                + ": fires at velocity " + settings.velocity().text() + "/min or acceleration "
                + settings.acceleration().text() + "/min², floor " + Durations.format(settings.lookahead())
                + " ahead (at most x" + factor() + " the demand, " + hpa.maxReplicas() + " max), holds "
                + Durations.format(settings.hold()) + " after both calm";
    }

    /** Why the HPA cannot follow the guard as fast as it asks; empty when it can. */
    public List<String> warnings(ToleranceTest toleranceTest) {
        List<String> warnings = new ArrayList<>();
        ScalingRules up = behavior.map(Behavior::scaleUp).orElse(null);
        if (up != null && up.selectPolicy() == ScalingRules.SelectPolicy.DISABLED) {
            warnings.add("spec.behavior.scaleUp.selectPolicy is Disabled: the HPA never scales up, so the spike"
                    + " guard's floor cannot raise it");
            return warnings;
        }
        int from = Math.max(1, hpa.currentReplicas() > 0 ? hpa.currentReplicas() : hpa.minReplicas());
        int target = (int) Math.min(hpa.maxReplicas(), Math.ceil(from * settings.maxFactor()));
        if (target <= from) {
            return warnings;
        }
        Duration reached = timeToReach(from, target, toleranceTest);
        if (reached.isNegative() || reached.compareTo(settings.lookahead()) > 0) {
            String took = reached.isNegative() ? "not within an hour" : "in " + Durations.format(reached);
            warnings.add("spec.behavior.scaleUp is slower than the spike guard: from " + from + " to " + target
                    + " replicas (x" + factor() + ", the largest raise the guard asks at once) the HPA gets there "
                    + took + ", later than the guard's lookahead of " + Durations.format(settings.lookahead())
                    + (up != null && up.stabilizationWindowSeconds().orElse(0) > 0
                            ? " (its scale-up stabilization window of "
                                    + up.stabilizationWindowSeconds().getAsInt() + "s holds every raise back)"
                            : "")
                    + "; allow faster scale-ups (the API default: 100 % or 4 pods per 15 s) or expect the floor"
                    + " late");
        }
        return warnings;
    }

    /**
     * How long the model takes from {@code from} to {@code target} replicas, asked for maxReplicas so that only the
     * behavior limits the climb (not the tolerance band near the target); negative when not within an hour.
     */
    private Duration timeToReach(int from, int target, ToleranceTest toleranceTest) {
        HpaSettings settings = HpaSettings.of(
                        Math.min(from, hpa.minReplicas()),
                        hpa.maxReplicas(),
                        toleranceTest,
                        List.of(HpaMetric.Traffic.constant(hpa.maxReplicas())))
                .withPipelineDelay(Duration.ZERO);
        settings = behavior.map(settings::withBehavior).orElse(settings);
        for (Step step : HpaSimulator.run(settings, from, 0, Duration.ofHours(1).toSeconds())) {
            if (step.desiredReplicas() >= target) {
                return Duration.ofSeconds(step.second());
            }
        }
        return Duration.ofSeconds(-1);
    }

    private String factor() {
        double f = settings.maxFactor();
        return f == Math.rint(f) ? Long.toString((long) f) : Double.toString(f);
    }
}
