package io.prescaler.plan;

import io.prescaler.hpa.Behavior;
import io.prescaler.hpa.Step;
import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.Durations;
import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.EventBounds;
import io.prescaler.schedule.EventCalendar;
import io.prescaler.schedule.EventOccurrence;
import io.prescaler.schedule.HpaSchedule;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.schedule.PrescalingSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Computes a day's plan for valid prescaled HPAs: at every step, the window, the event that applies (from the
 * events file, not from whatever event annotations the HPA carries), the effective minimum, both metric values as
 * the exporter publishes them and the replicas the HPA controller model ({@link DaySimulation}) runs.
 */
public final class DayPlanner {

    /** The HPA controller syncs every 15 s: finer rows show nothing new, and cost a row per HPA each. */
    static final Duration SHORTEST_STEP = Duration.ofSeconds(15);

    static final Duration LONGEST_STEP = Duration.ofDays(1);

    private final EventCalendar calendar;
    private final PlanAssumptions assumptions;

    public DayPlanner(EventCalendar calendar, PlanAssumptions assumptions) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.assumptions = Objects.requireNonNull(assumptions, "assumptions");
    }

    /**
     * The day runs from local midnight to the next (23 or 25 hours on DST days). An event or an HPA that cannot be
     * planned is left out and named in {@link DayPlan#failures()}; the others are planned.
     */
    public DayPlan plan(LocalDate date, ZoneId zone, Duration step, List<Planned> hpas) {
        if (step.compareTo(SHORTEST_STEP) < 0 || step.compareTo(LONGEST_STEP) > 0) {
            throw new IllegalArgumentException("--step must be from " + Durations.format(SHORTEST_STEP) + " to "
                    + Durations.format(LONGEST_STEP) + ", got " + Durations.format(step));
        }
        if (date.getYear() < EventBounds.FIRST_YEAR || date.getYear() > EventBounds.LAST_YEAR) {
            throw new IllegalArgumentException("--date must be in the years " + EventBounds.FIRST_YEAR + " to "
                    + EventBounds.LAST_YEAR + ", got " + date);
        }
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Instant> samples = new ArrayList<>();
        for (Instant at = from; at.isBefore(to); at = at.plus(step)) {
            samples.add(at);
        }
        // Occurrences from the warm-up on (the model reads values D before its first sync), so that an event running
        // at midnight is already applied before it.
        Instant modelStart = from.minus(DaySimulation.WARM_UP).minus(assumptions.pipelineDelay());
        EventCalendar.Between between = calendar.between(modelStart, to);
        List<EventOccurrence> occurrences = between.occurrences();
        List<String> failures = new ArrayList<>(between.failures());
        List<HpaPlan> plans = new ArrayList<>();
        for (Planned p : hpas) {
            try {
                plans.add(planOne(p, samples, occurrences, modelStart, from, to));
            } catch (RuntimeException e) {
                failures.add(p.hpa().key() + ": could not be planned (" + e + "); left out, the others planned");
            }
        }
        List<EventOccurrence> ofTheDay =
                occurrences.stream().filter(o -> o.end().isAfter(from)).toList();
        return new DayPlan(date, zone, from, to, step, assumptions, ofTheDay, plans, failures);
    }

    private HpaPlan planOne(
            Planned planned,
            List<Instant> samples,
            List<EventOccurrence> occurrences,
            Instant modelStart,
            Instant from,
            Instant to) {
        HpaFacts hpa = planned.hpa();
        Optional<MetricEncoding> encoding = hpa.consumedEncoding();
        HpaSchedule schedule =
                new HpaSchedule(planned.spec(), hpa.maxReplicas(), hpa.namespace(), hpa.labels(), occurrences);
        MinimumTimeline timeline =
                MinimumTimeline.of(modelStart, to, planned.spec().window(), occurrences, schedule::at);
        Function<Instant, EffectiveMinimum> minimumAt = timeline::at;
        DaySimulation simulation = DaySimulation.run(planned, encoding, minimumAt, assumptions, from, to);
        List<PlanStep> steps = new ArrayList<>(samples.size());
        for (Instant at : samples) {
            EffectiveMinimum minimum = minimumAt.apply(at);
            Step sync = simulation.at(at);
            // What the exporter publishes at this instant: it reads status.currentReplicas, the spec the last sync
            // read.
            int seenByExporter = sync.currentReplicas();
            steps.add(new PlanStep(
                    at,
                    minimum.windowOpen(),
                    schedule.eventAt(at),
                    minimum.replicas(),
                    MetricEncoding.DIRECT.value(minimum, seenByExporter),
                    MetricEncoding.LEGACY.value(minimum, seenByExporter),
                    sync.desiredReplicas()));
        }
        return new HpaPlan(
                hpa,
                planned.minReplicas(),
                planned.spec(),
                encoding,
                steps,
                simulation.shortfalls(minimumAt, from, to));
    }

    /** The event keys are dropped: in a plan, the events file decides. */
    public static Map<String, String> withoutEventKeys(Map<String, String> annotations, AnnotationKeys keys) {
        Map<String, String> copy = new HashMap<>(annotations);
        keys.eventKeys().forEach(copy::remove);
        return copy;
    }

    /**
     * An HPA to plan: its facts, its valid spec, {@code spec.minReplicas} and {@code spec.behavior} (API defaults
     * applied; empty when absent, the controller's legacy path).
     */
    public record Planned(HpaFacts hpa, PrescalingSpec spec, int minReplicas, Optional<Behavior> behavior) {

        public Planned {
            Objects.requireNonNull(hpa, "hpa");
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(behavior, "behavior");
        }

        /** What the Deployment runs when nothing else is known: status.currentReplicas if any, else minReplicas. */
        int initialReplicas() {
            return hpa.currentReplicas() > 0 ? hpa.currentReplicas() : minReplicas;
        }
    }
}
