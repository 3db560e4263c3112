package io.prescaler.plan;

import io.prescaler.hpa.HpaMetric;
import io.prescaler.hpa.HpaSettings;
import io.prescaler.hpa.HpaSimulator;
import io.prescaler.hpa.Step;
import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.MetricEncoding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One HPA's day in the HPA controller model ({@link HpaSimulator}): a sync every 15 s, the prescaling metric the HPA
 * consumes computed as the exporter computes it (from the effective minimum and the HPA's status.currentReplicas)
 * and read through the pipeline delay, and a second metric standing for traffic, flat at the HPA's minReplicas, so
 * that the plan shows what prescaling alone does. Simulation seconds are epoch seconds.
 */
final class DaySimulation {

    /**
     * The model runs this long before the day so that the first rows show a settled HPA (a window crossing midnight
     * held since the evening before), not a cold start; it covers the longest stabilization window the API allows.
     */
    static final Duration WARM_UP = Duration.ofHours(2);

    private final long firstSecond;
    private final long period;
    private final List<Step> steps;

    private DaySimulation(long firstSecond, long period, List<Step> steps) {
        this.firstSecond = firstSecond;
        this.period = period;
        this.steps = steps;
    }

    static DaySimulation run(
            DayPlanner.Planned planned,
            Optional<MetricEncoding> encoding,
            Function<Instant, EffectiveMinimum> minimumAt,
            PlanAssumptions assumptions,
            Instant from,
            Instant to) {
        List<HpaMetric> metrics = new ArrayList<>();
        encoding.ifPresent(e -> metrics.add(HpaMetric.External.of(
                e,
                (at, observed) -> e.value(minimumAt.apply(Instant.ofEpochSecond(at)), observed.hpaStatusCurrent()))));
        metrics.add(HpaMetric.Traffic.constant(planned.minReplicas()));
        HpaSettings settings = HpaSettings.of(
                        planned.minReplicas(),
                        planned.hpa().maxReplicas(),
                        assumptions.kubernetesVersion().toleranceTest(),
                        metrics)
                .withPipelineDelay(assumptions.pipelineDelay());
        settings = planned.behavior().map(settings::withBehavior).orElse(settings);
        long first = from.minus(WARM_UP).getEpochSecond();
        int initial = assumptions.initialReplicas().orElse(planned.initialReplicas());
        List<Step> steps = HpaSimulator.run(settings, initial, first, to.getEpochSecond() - 1);
        return new DaySimulation(first, settings.syncPeriod().toSeconds(), steps);
    }

    /** The last sync at or before {@code at}: its desired replicas are the Deployment's spec at that instant. */
    Step at(Instant at) {
        long index = Math.floorDiv(at.getEpochSecond() - firstSecond, period);
        return steps.get((int) Math.max(0, Math.min(steps.size() - 1, index)));
    }

    /**
     * The spans of the day with one effective minimum above 0 in which the replicas never reach it.
     */
    List<Shortfall> shortfalls(Function<Instant, EffectiveMinimum> minimumAt, Instant from, Instant to) {
        List<Shortfall> shortfalls = new ArrayList<>();
        Instant spanStart = null;
        int spanMinimum = 0;
        int highest = 0;
        for (Step step : steps) {
            Instant at = Instant.ofEpochSecond(step.second());
            if (at.isBefore(from)) {
                continue;
            }
            int minimum = minimumAt.apply(at).replicas();
            if (spanStart != null && minimum != spanMinimum) {
                if (highest < spanMinimum) {
                    shortfalls.add(new Shortfall(spanStart, at, spanMinimum, highest));
                }
                spanStart = null;
            }
            if (spanStart == null && minimum > 0) {
                spanStart = at;
                spanMinimum = minimum;
                highest = 0;
            }
            highest = Math.max(highest, step.desiredReplicas());
        }
        if (spanStart != null && highest < spanMinimum) {
            shortfalls.add(new Shortfall(spanStart, to, spanMinimum, highest));
        }
        return shortfalls;
    }
}
