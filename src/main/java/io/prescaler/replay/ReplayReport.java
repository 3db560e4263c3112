package io.prescaler.replay;

import io.prescaler.demand.DemandCurve;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The replay of one HPA: per policy its figures and its run, and how many more pod-hours it cost than the HPA
 * alone.
 */
public record ReplayReport(String hpa, Instant from, Instant to, ReplayAssumptions assumptions, List<Result> results) {

    public record Result(Policy policy, ReplayFigures figures, double extraPodHoursVsReactive, PolicyRun run) {}

    public ReplayReport {
        Objects.requireNonNull(hpa, "hpa");
        results = List.copyOf(results);
    }

    /**
     * Replays {@code policies} (in that order) between {@code from} and {@code to}. The reactive run is always made,
     * as the baseline of the extra pod-hours.
     *
     * @throws IllegalArgumentException when {@code to} is not after {@code from}
     */
    public static ReplayReport of(
            ReplayedHpa hpa,
            List<Policy> policies,
            DemandCurve demand,
            ReplayAssumptions assumptions,
            Instant from,
            Instant to) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the replay ends (" + to + ") before it starts (" + from + ")");
        }
        PolicyRun reactive = Replayer.run(hpa, Policy.REACTIVE, demand, assumptions, from, to);
        double baseline = ReplayFigures.of(reactive, demand, from, to).podHours();
        List<Result> results = new ArrayList<>();
        for (Policy policy : policies) {
            PolicyRun run = policy.isReactive() ? reactive : Replayer.run(hpa, policy, demand, assumptions, from, to);
            ReplayFigures figures = ReplayFigures.of(run, demand, from, to);
            results.add(new Result(policy, figures, figures.podHours() - baseline, run));
        }
        return new ReplayReport(hpa.key(), from, to, assumptions, results);
    }
}
