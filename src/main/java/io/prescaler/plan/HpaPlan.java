package io.prescaler.plan;

import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.schedule.PrescalingSpec;
import java.util.List;
import java.util.Optional;

/** The day of one prescaled HPA, step by step. */
public record HpaPlan(
        HpaFacts hpa, int minReplicas, PrescalingSpec spec, Optional<MetricEncoding> encoding, List<PlanStep> steps) {

    public HpaPlan {
        steps = List.copyOf(steps);
    }
}
