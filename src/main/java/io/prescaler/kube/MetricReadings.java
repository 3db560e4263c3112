package io.prescaler.kube;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricIdentifier;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricValueStatus;
import io.prescaler.hpa.MetricReading;
import io.prescaler.schedule.MetricEncoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an HPA's metrics as {@link MetricReading}s: each entry of {@code status.currentMetrics} matched to the
 * {@code spec.metrics} entry it reports on (same type, and the same resource, container, metric name and selector,
 * or described object), with the target's value and the current value in the same unit. The prescaling metrics
 * themselves are left out: the demand is what the HPA's traffic asks for without Prescaler's floor, so that
 * nothing learned from it feeds back on itself. A spec entry without a current value (the HPA could not read the
 * metric) yields no reading.
 */
public final class MetricReadings {

    private static final Set<String> PRESCALING_METRICS = Arrays.stream(MetricEncoding.values())
            .map(MetricEncoding::metricName)
            .collect(Collectors.toSet());

    private MetricReadings() {}

    public static List<MetricReading> of(HorizontalPodAutoscaler hpa) {
        if (hpa.getSpec() == null || hpa.getSpec().getMetrics() == null || hpa.getStatus() == null) {
            return List.of();
        }
        List<MetricStatus> statuses = new ArrayList<>(
                Optional.ofNullable(hpa.getStatus().getCurrentMetrics()).orElse(List.of()));
        List<MetricReading> readings = new ArrayList<>();
        for (MetricSpec spec : hpa.getSpec().getMetrics()) {
            if (spec == null || spec.getType() == null || isPrescaling(spec)) {
                continue;
            }
            for (MetricStatus status : statuses) {
                if (status != null && reportsOn(status, spec)) {
                    reading(spec, status).ifPresent(readings::add);
                    statuses.remove(status);
                    break;
                }
            }
        }
        return readings;
    }

    private static boolean isPrescaling(MetricSpec spec) {
        return "External".equals(spec.getType())
                && spec.getExternal() != null
                && spec.getExternal().getMetric() != null
                && PRESCALING_METRICS.contains(spec.getExternal().getMetric().getName());
    }

    private static boolean reportsOn(MetricStatus status, MetricSpec spec) {
        if (!spec.getType().equals(status.getType())) {
            return false;
        }
        return switch (spec.getType()) {
            case "Resource" -> spec.getResource() != null
                    && status.getResource() != null
                    && Objects.equals(
                            spec.getResource().getName(), status.getResource().getName());
            case "ContainerResource" -> spec.getContainerResource() != null
                    && status.getContainerResource() != null
                    && Objects.equals(
                            spec.getContainerResource().getName(),
                            status.getContainerResource().getName())
                    && Objects.equals(
                            spec.getContainerResource().getContainer(),
                            status.getContainerResource().getContainer());
            case "Pods" -> spec.getPods() != null
                    && status.getPods() != null
                    && sameMetric(spec.getPods().getMetric(), status.getPods().getMetric());
            case "Object" -> spec.getObject() != null
                    && status.getObject() != null
                    && sameMetric(
                            spec.getObject().getMetric(), status.getObject().getMetric())
                    && sameObject(
                            spec.getObject().getDescribedObject(),
                            status.getObject().getDescribedObject());
            case "External" -> spec.getExternal() != null
                    && status.getExternal() != null
                    && sameMetric(
                            spec.getExternal().getMetric(), status.getExternal().getMetric());
            default -> false;
        };
    }

    private static boolean sameMetric(MetricIdentifier wanted, MetricIdentifier reported) {
        return wanted != null
                && reported != null
                && Objects.equals(wanted.getName(), reported.getName())
                && sameSelector(wanted.getSelector(), reported.getSelector());
    }

    /** The controller copies the spec's selector into the status; an absent and an empty selector both match all. */
    private static boolean sameSelector(LabelSelector wanted, LabelSelector reported) {
        return Objects.equals(emptyToNull(wanted), emptyToNull(reported));
    }

    private static LabelSelector emptyToNull(LabelSelector selector) {
        if (selector == null) {
            return null;
        }
        boolean noLabels =
                selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty();
        boolean noExpressions = selector.getMatchExpressions() == null
                || selector.getMatchExpressions().isEmpty();
        return noLabels && noExpressions ? null : selector;
    }

    private static boolean sameObject(CrossVersionObjectReference wanted, CrossVersionObjectReference reported) {
        return wanted != null
                && reported != null
                && Objects.equals(wanted.getKind(), reported.getKind())
                && Objects.equals(wanted.getName(), reported.getName());
    }

    private static Optional<MetricReading> reading(MetricSpec spec, MetricStatus status) {
        String type = spec.getType();
        return switch (type) {
            case "Resource" -> reading(
                    type + " " + spec.getResource().getName(),
                    spec.getResource().getTarget(),
                    status.getResource().getCurrent());
            case "ContainerResource" -> reading(
                    type + " " + spec.getContainerResource().getName() + " of "
                            + spec.getContainerResource().getContainer(),
                    spec.getContainerResource().getTarget(),
                    status.getContainerResource().getCurrent());
            case "Pods" -> reading(
                    type + " " + spec.getPods().getMetric().getName(),
                    spec.getPods().getTarget(),
                    status.getPods().getCurrent());
            case "Object" -> reading(
                    type + " " + spec.getObject().getMetric().getName(),
                    spec.getObject().getTarget(),
                    status.getObject().getCurrent());
            case "External" -> reading(
                    type + " " + spec.getExternal().getMetric().getName(),
                    spec.getExternal().getTarget(),
                    status.getExternal().getCurrent());
            default -> Optional.empty();
        };
    }

    /** Target and current in the target type's unit; empty when the status lacks the matching value. */
    private static Optional<MetricReading> reading(String metric, MetricTarget target, MetricValueStatus current) {
        if (target == null || current == null || target.getType() == null) {
            return Optional.empty();
        }
        return switch (target.getType()) {
            case "Utilization" -> target.getAverageUtilization() == null || current.getAverageUtilization() == null
                    ? Optional.empty()
                    : Optional.of(new MetricReading(
                            metric + " Utilization", target.getAverageUtilization(), current.getAverageUtilization()));
            case "AverageValue" -> both(metric + " AverageValue", target.getAverageValue(), current.getAverageValue());
            case "Value" -> both(metric + " Value", target.getValue(), current.getValue());
            default -> Optional.empty();
        };
    }

    private static Optional<MetricReading> both(String metric, Quantity target, Quantity current) {
        if (target == null || current == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MetricReading(
                    metric,
                    target.getNumericalAmount().doubleValue(),
                    current.getNumericalAmount().doubleValue()));
        } catch (ArithmeticException | IllegalArgumentException e) {
            // A quantity the API server let through but that is no number we can use: no reading, not a failure.
            return Optional.empty();
        }
    }
}
