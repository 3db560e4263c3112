package io.prescaler.hpa;

import java.util.Objects;

/** One entry of {@code behavior.scaleUp/scaleDown.policies}: at most {@code value} pods or percent per period. */
public record ScalingPolicy(Type type, int value, int periodSeconds) {

    public enum Type {
        PODS,
        PERCENT
    }

    public ScalingPolicy {
        Objects.requireNonNull(type, "type");
        if (value <= 0) {
            throw new IllegalArgumentException("a scaling policy's value must be > 0, got " + value);
        }
        if (periodSeconds <= 0 || periodSeconds > 1800) {
            throw new IllegalArgumentException(
                    "a scaling policy's periodSeconds must be in 1..1800, got " + periodSeconds);
        }
    }

    public static ScalingPolicy pods(int value, int periodSeconds) {
        return new ScalingPolicy(Type.PODS, value, periodSeconds);
    }

    public static ScalingPolicy percent(int value, int periodSeconds) {
        return new ScalingPolicy(Type.PERCENT, value, periodSeconds);
    }
}
