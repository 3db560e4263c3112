package io.prescaler.hpa;

import io.prescaler.schedule.MetricEncoding;
import java.util.Objects;
import java.util.function.LongToDoubleFunction;
import java.util.function.LongToIntFunction;

/** One entry of an HPA's {@code spec.metrics}, as far as the model needs it. */
public sealed interface HpaMetric {

    /**
     * An External metric. Its value is read through the pipeline delay D: the HPA syncing at t sees
     * {@code source.valueAt(t - D, what the exporter saw at t - D)}.
     *
     * @param target the target value or averageValue, in the metric's units
     */
    record External(String name, MetricEncoding.TargetType targetType, double target, MetricSource source)
            implements HpaMetric {
        public External {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(targetType, "targetType");
            Objects.requireNonNull(source, "source");
            if (!(target > 0)) {
                throw new IllegalArgumentException("metric " + name + ": the target must be > 0, got " + target);
            }
        }

        /** The metric as the HPA consumes {@code encoding}, fed by {@code source}. */
        public static External of(MetricEncoding encoding, MetricSource source) {
            return new External(encoding.metricName(), encoding.targetType(), encoding.targetValue(), source);
        }
    }

    /**
     * Traffic, modelled like CPU utilisation: the replicas the load needs at second t. With the usage ratio
     * needed / current, it proposes {@code needed}, or the current replicas while the ratio is within tolerance.
     */
    record Traffic(LongToIntFunction neededAt) implements HpaMetric {
        public Traffic {
            Objects.requireNonNull(neededAt, "neededAt");
        }

        public static Traffic constant(int needed) {
            return new Traffic(t -> needed);
        }
    }

    /**
     * The HPA's own metric (CPU, requests per pod) carrying a demand curve: at second t the work needs
     * {@code demandAt(t)} replicas. The HPA syncing at t reads the work measured through the pipeline delay D, spread
     * over the pods Ready at t, as a usage ratio (demand(t - D) / ready, a utilization averaged over Ready pods), and
     * proposes ceil(ratio x ready) = ceil(demand(t - D)), or the current replicas while the ratio is within
     * tolerance. Unlike {@link Traffic} it is
     * unrounded and sees pods start: the curve {@code replay} runs policies on.
     */
    record Load(LongToDoubleFunction demandAt) implements HpaMetric {
        public Load {
            Objects.requireNonNull(demandAt, "demandAt");
        }
    }
}
