package io.prescaler.hpa;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * docs/hpa-model.md §6's scale-up case: an HPA at {@code current} replicas, held there by traffic (which keeps proposing
 * {@code current}), whose window opens at second 0 asking for {@code minimum}; minReplicas 1, maxReplicas 1000.
 *
 * @param view which replica count the exporter reads
 */
public record PrescaleScenario(
        PrescaleSignal signal,
        int current,
        int minimum,
        ToleranceTest toleranceTest,
        Optional<Behavior> behavior,
        Duration pipelineDelay,
        Duration readinessDelay,
        PrescaleSignal.ExporterView view) {

    public static final int MAX_REPLICAS = 1000;

    /** docs/hpa-model.md's horizon for "never". */
    public static final Duration HORIZON = Duration.ofMinutes(30);

    /** The HPA runs in steady state this long before the window opens. */
    private static final long WARM_UP_SECONDS = 600;

    public PrescaleScenario {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(toleranceTest, "toleranceTest");
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(view, "view");
    }

    /** The defaults of §6: no readiness delay, the exporter reads the Deployment spec. */
    public static PrescaleScenario of(
            PrescaleSignal signal,
            int current,
            int minimum,
            ToleranceTest toleranceTest,
            Optional<Behavior> behavior,
            Duration pipelineDelay) {
        return new PrescaleScenario(
                signal,
                current,
                minimum,
                toleranceTest,
                behavior,
                pipelineDelay,
                Duration.ZERO,
                PrescaleSignal.ExporterView.DEPLOYMENT_SPEC);
    }

    public PrescaleScenario withView(PrescaleSignal.ExporterView value) {
        return new PrescaleScenario(
                signal, current, minimum, toleranceTest, behavior, pipelineDelay, readinessDelay, value);
    }

    public PrescaleScenario withReadinessDelay(Duration value) {
        return new PrescaleScenario(signal, current, minimum, toleranceTest, behavior, pipelineDelay, value, view);
    }

    public HpaSettings settings() {
        HpaSettings settings = HpaSettings.of(
                        1,
                        MAX_REPLICAS,
                        toleranceTest,
                        List.of(signal.metric(minimum, Long.MAX_VALUE, view), HpaMetric.Traffic.constant(current)))
                .withPipelineDelay(pipelineDelay)
                .withReadinessDelay(readinessDelay);
        return behavior.map(settings::withBehavior).orElse(settings);
    }

    /** Simulates from the warm-up to {@code horizon} after the window opens. */
    public PrescaleOutcome simulate(Duration horizon) {
        List<Step> steps = HpaSimulator.run(settings(), current, -WARM_UP_SECONDS, horizon.toSeconds());
        return PrescaleOutcome.of(
                minimum, steps.stream().filter(s -> s.second() >= 0).toList());
    }

    public PrescaleOutcome simulate() {
        return simulate(HORIZON);
    }

    /**
     * What became of the window's minimum.
     *
     * @param reachedAfter seconds from the window's start to the first sync leaving spec >= minimum
     * @param highest the highest spec in the window
     * @param last the spec at the end of the horizon
     * @param droppedBelow whether spec went below the minimum after reaching it
     */
    public record PrescaleOutcome(
            int minimum, OptionalLong reachedAfter, int highest, int last, boolean droppedBelow, List<Step> steps) {

        static PrescaleOutcome of(int minimum, List<Step> steps) {
            OptionalLong reached = OptionalLong.empty();
            boolean dropped = false;
            int highest = 0;
            for (Step step : steps) {
                int spec = step.desiredReplicas();
                highest = Math.max(highest, spec);
                if (reached.isEmpty() && spec >= minimum) {
                    reached = OptionalLong.of(step.second());
                } else if (reached.isPresent() && spec < minimum) {
                    dropped = true;
                }
            }
            int last = steps.isEmpty() ? 0 : steps.get(steps.size() - 1).desiredReplicas();
            return new PrescaleOutcome(minimum, reached, highest, last, dropped, List.copyOf(steps));
        }

        public boolean reached() {
            return reachedAfter.isPresent();
        }

        /** How far the spec went above the minimum. */
        public int overshoot() {
            return Math.max(0, highest - minimum);
        }

        /** docs/hpa-model.md's cell notation: "45 s / +0", or "never (25)". */
        public String cell() {
            return reachedAfter.isPresent()
                    ? reachedAfter.getAsLong() + " s / +" + overshoot()
                    : "never (" + last + ")";
        }
    }
}
