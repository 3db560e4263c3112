package io.prescaler.plan;

import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.schedule.PrescalingSpec;
import java.util.List;
import java.util.Optional;

/**
 * The day of one prescaled HPA, step by step.
 *
 * @param shortfalls the spans in which the HPA model never reaches the minimum asked
 */
public record HpaPlan(
        HpaFacts hpa,
        int minReplicas,
        PrescalingSpec spec,
        Optional<MetricEncoding> encoding,
        List<PlanStep> steps,
        List<Shortfall> shortfalls) {

    public HpaPlan {
        steps = List.copyOf(steps);
        shortfalls = List.copyOf(shortfalls);
    }
}
