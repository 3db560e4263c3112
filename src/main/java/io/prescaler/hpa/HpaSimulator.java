package io.prescaler.hpa;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the HPA controller model against a Deployment over simulated time: one sync every sync period, pods created
 * at once ({@code status.replicas} = spec), Ready after the readiness delay, External values read through the
 * pipeline delay D.
 *
 * <p>Usage: {@code HpaSimulator.run(settings, 25, 0, 1800)} returns every sync from second 0 to 1800. Times are
 * whatever the caller's metric sources mean by them; the benchmarks and docs/hpa-model.md put the window start at 0.
 */
public final class HpaSimulator {

    private final HpaSettings settings;
    private final int initialReplicas;
    private final List<Step> steps = new ArrayList<>();
    private final Capacity capacity;

    private HpaSimulator(HpaSettings settings, int initialReplicas) {
        this.settings = settings;
        this.initialReplicas = initialReplicas;
        this.capacity = new Capacity(steps, initialReplicas, settings.readinessDelay());
    }

    /** Every sync from {@code fromSecond} (the first sync) to {@code toSecond} inclusive. */
    public static List<Step> run(HpaSettings settings, int initialReplicas, long fromSecond, long toSecond) {
        if (initialReplicas < 0) {
            throw new IllegalArgumentException("initial replicas must be >= 0, got " + initialReplicas);
        }
        if (toSecond < fromSecond) {
            throw new IllegalArgumentException(
                    "the simulation ends (" + toSecond + ") before it starts (" + fromSecond + ")");
        }
        HpaSimulator simulator = new HpaSimulator(settings, initialReplicas);
        simulator.simulate(fromSecond, toSecond);
        return List.copyOf(simulator.steps);
    }

    /** Every sync from second 0 over {@code horizon}. */
    public static List<Step> run(HpaSettings settings, int initialReplicas, Duration horizon) {
        return run(settings, initialReplicas, 0, horizon.toSeconds());
    }

    private void simulate(long from, long to) {
        HpaControllerModel controller = new HpaControllerModel(settings);
        long period = settings.syncPeriod().toSeconds();
        long delay = settings.pipelineDelay().toSeconds();
        int spec = initialReplicas;
        for (long now = from; now <= to; now += period) {
            long computedAt = now - delay;
            ObservedReplicas observed = new ObservedReplicas(specBefore(computedAt), statusBefore(computedAt));
            List<Double> seen = new ArrayList<>(settings.metrics().size());
            for (HpaMetric metric : settings.metrics()) {
                if (metric instanceof HpaMetric.External external) {
                    seen.add(external.source().valueAt(computedAt, observed));
                } else if (metric instanceof HpaMetric.Traffic traffic) {
                    seen.add((double) traffic.neededAt().applyAsInt(now));
                } else if (metric instanceof HpaMetric.Load load) {
                    // The work measured D ago, spread over the pods Ready now: the usage ratio the controller sees.
                    seen.add(load.demandAt().applyAsDouble(computedAt) / Math.max(1, capacity.readyAt(now)));
                }
            }
            Step step = controller.sync(now, spec, spec, capacity.readyAt(now), seen);
            steps.add(step);
            spec = step.desiredReplicas();
        }
    }

    /** The Deployment's spec.replicas at {@code second}, before a sync at that second. */
    private int specBefore(long second) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).second() < second) {
                return steps.get(i).desiredReplicas();
            }
        }
        return initialReplicas;
    }

    /** The HPA's status.currentReplicas at {@code second}: the spec read by the last sync before it. */
    private int statusBefore(long second) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).second() < second) {
                return steps.get(i).currentReplicas();
            }
        }
        return initialReplicas;
    }
}
