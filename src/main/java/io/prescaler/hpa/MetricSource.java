package io.prescaler.hpa;

/** The value of an External metric, as computed at second {@code at} by an exporter that saw {@code observed}. */
@FunctionalInterface
public interface MetricSource {

    double valueAt(long at, ObservedReplicas observed);
}
