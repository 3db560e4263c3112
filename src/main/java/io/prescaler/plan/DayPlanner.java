package io.prescaler.plan;

import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.EventCalendar;
import io.prescaler.schedule.EventOccurrence;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.schedule.PrescalingSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes a day's plan for valid prescaled HPAs: at every step, the window, the event that applies (from the
 * events file, not from whatever event annotations the HPA carries), the effective minimum, both metric values and
 * the replicas the {@link ReplicaSimulation} reaches.
 */
public final class DayPlanner {

    private final EventCalendar calendar;
    private final ReplicaSimulation simulation;

    public DayPlanner(EventCalendar calendar, ReplicaSimulation simulation) {
        this.calendar = calendar;
        this.simulation = simulation;
    }

    /** The day runs from local midnight to the next (23 or 25 hours on DST days). */
    public DayPlan plan(LocalDate date, ZoneId zone, Duration step, List<Planned> hpas) {
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("--step must be > 0, got " + step);
        }
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Instant> samples = new ArrayList<>();
        for (Instant at = from; at.isBefore(to); at = at.plus(step)) {
            samples.add(at);
        }
        List<EventOccurrence> occurrences = calendar.occurrencesBetween(from, to);
        List<HpaPlan> plans =
                hpas.stream().map(p -> planOne(p, samples, occurrences)).toList();
        return new DayPlan(date, zone, from, to, step, occurrences, plans);
    }

    private HpaPlan planOne(Planned planned, List<Instant> samples, List<EventOccurrence> occurrences) {
        HpaFacts hpa = planned.hpa();
        PrescalingSpec base = planned.spec();
        Optional<MetricEncoding> encoding = encoding(hpa);
        ReplicaSimulation.MetricFeed feed = (at, current) -> {
            EffectiveMinimum minimum = minimumAt(base, hpa, at, occurrences);
            return encoding.map(e -> e.value(minimum, current)).orElse(0L);
        };
        List<Integer> replicas = simulation.replicas(
                new ReplicaSimulation.Hpa(planned.minReplicas(), hpa.maxReplicas(), encoding), samples, feed);
        List<PlanStep> steps = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            Instant at = samples.get(i);
            Optional<EventOccurrence> event =
                    EventCalendar.activeAmong(occurrences, at).forHpa(hpa.namespace(), hpa.labels());
            EffectiveMinimum minimum = minimumAt(base, hpa, at, occurrences);
            int current = replicas.get(i);
            steps.add(new PlanStep(
                    at,
                    minimum.windowOpen(),
                    event,
                    minimum.replicas(),
                    MetricEncoding.DIRECT.value(minimum, current),
                    MetricEncoding.LEGACY.value(minimum, current),
                    current));
        }
        return new HpaPlan(hpa, planned.minReplicas(), base, encoding, steps);
    }

    private static EffectiveMinimum minimumAt(
            PrescalingSpec base, HpaFacts hpa, Instant at, List<EventOccurrence> occurrences) {
        Optional<EventOccurrence> event =
                EventCalendar.activeAmong(occurrences, at).forHpa(hpa.namespace(), hpa.labels());
        PrescalingSpec spec =
                new PrescalingSpec(base.minReplicas(), base.window(), event.map(EventOccurrence::toMultiplier));
        return EffectiveMinimum.of(spec, hpa.maxReplicas(), at);
    }

    /** The encoding the HPA consumes: the one the webhook injects wins when, oddly, both are there. */
    static Optional<MetricEncoding> encoding(HpaFacts hpa) {
        for (MetricEncoding encoding : MetricEncoding.values()) {
            if (hpa.consumesMetric(encoding.metricName())) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }

    /** The event keys are dropped: in a plan, the events file decides. */
    public static java.util.Map<String, String> withoutEventKeys(
            java.util.Map<String, String> annotations, AnnotationKeys keys) {
        java.util.Map<String, String> copy = new java.util.HashMap<>(annotations);
        keys.eventKeys().forEach(copy::remove);
        return copy;
    }

    /**
     * An HPA to plan: its facts, its valid spec and {@code spec.minReplicas}.
     */
    public record Planned(HpaFacts hpa, PrescalingSpec spec, int minReplicas) {}
}
