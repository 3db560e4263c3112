package io.prescaler.hpa;

import java.util.Objects;

/** {@code spec.behavior} of an HPA, API defaults applied. An HPA without behavior takes the legacy path. */
public record Behavior(ScalingRules scaleUp, ScalingRules scaleDown) {

    public Behavior {
        Objects.requireNonNull(scaleUp, "scaleUp");
        Objects.requireNonNull(scaleDown, "scaleDown");
    }

    /** What the API server fills in for {@code behavior: {}}. */
    public static Behavior defaults() {
        return new Behavior(ScalingRules.defaultScaleUp(), ScalingRules.defaultScaleDown());
    }

    public Behavior withScaleUp(ScalingRules rules) {
        return new Behavior(rules, scaleDown);
    }

    public Behavior withScaleDown(ScalingRules rules) {
        return new Behavior(scaleUp, rules);
    }
}
