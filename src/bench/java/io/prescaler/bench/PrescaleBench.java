package io.prescaler.bench;

import io.prescaler.hpa.Behavior;
import io.prescaler.hpa.HpaMetric;
import io.prescaler.hpa.HpaSettings;
import io.prescaler.hpa.HpaSimulator;
import io.prescaler.hpa.PrescaleScenario;
import io.prescaler.hpa.PrescaleSignal;
import io.prescaler.hpa.Step;
import io.prescaler.hpa.ToleranceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Time to prescale, from the HPA controller model: Bedrock's 0/10/11 (target Value 10) against
 * {@code prescaling_min_replicas} (target AverageValue 1), both computed from the HPA's status.currentReplicas as
 * the exporters do, for each current -> minimum case, pipeline delay, Kubernetes tolerance test and behavior.
 */
public final class PrescaleBench implements BenchSuite {

    static final int[][] CASES = {{2, 40}, {10, 11}, {25, 27}, {25, 55}, {25, 125}, {100, 300}};
    private static final int[] DELAYS = {0, 60};

    /** The peak scenario: traffic needs 1.5 x W for five minutes, then W / 2; the window stays open an hour. */
    private static final long PEAK_END = 300;

    private static final long WINDOW = 3600;

    @Override
    public String name() {
        return "prescale";
    }

    @Override
    public String description() {
        return "seconds until replicas >= the minimum, overshoot, and the return to the minimum after a traffic"
                + " peak, Bedrock's encoding vs prescaling_min_replicas (HPA model; instant)";
    }

    @Override
    public BenchResult run() {
        List<List<String>> rows = new ArrayList<>();
        for (ToleranceTest test : ToleranceTest.values()) {
            for (Optional<Behavior> behavior : List.of(Optional.<Behavior>empty(), Optional.of(Behavior.defaults()))) {
                for (int delay : DELAYS) {
                    for (PrescaleSignal signal : List.of(PrescaleSignal.BEDROCK, PrescaleSignal.DIRECT)) {
                        for (int[] c : CASES) {
                            rows.add(row(signal, test, behavior, delay, c[0], c[1]));
                        }
                    }
                }
            }
        }
        return new BenchResult(
                name(),
                "Time to prescale (HPA model, sync 15 s, tolerance 0.1, minReplicas 1, maxReplicas 1000)",
                List.of(
                        "encoding",
                        "k8s",
                        "behavior",
                        "D",
                        "case",
                        "reached after",
                        "syncs",
                        "overshoot",
                        "below min after reaching",
                        "back to min after peak"),
                rows,
                List.of(
                        "Times from the window's start, D included; 'never (N)' = stuck at N over 30 min.",
                        "Both exporters read hpa.status.currentReplicas (one sync behind the Deployment spec).",
                        "Peak: the HPA holds W, traffic needs 1.5 x W for 5 min then W / 2; time from the"
                                + " traffic drop until spec <= W, within a 1 h window."));
    }

    private static List<String> row(
            PrescaleSignal signal,
            ToleranceTest test,
            Optional<Behavior> behavior,
            int delay,
            int current,
            int minimum) {
        PrescaleScenario scenario = PrescaleScenario.of(
                        signal, current, minimum, test, behavior, Duration.ofSeconds(delay))
                .withView(PrescaleSignal.ExporterView.HPA_STATUS);
        PrescaleScenario.PrescaleOutcome outcome = scenario.simulate();
        String reached = outcome.reachedAfter().isPresent()
                ? outcome.reachedAfter().getAsLong() + " s"
                : "never (" + outcome.last() + ")";
        String syncs = outcome.reachedAfter().isPresent()
                ? Long.toString(outcome.reachedAfter().getAsLong() / 15 + 1)
                : "-";
        return List.of(
                signal == PrescaleSignal.BEDROCK ? "Bedrock Value=10" : "prescaling_min_replicas",
                test == ToleranceTest.UP_TO_1_32 ? "<=1.32" : ">=1.33",
                behavior.isPresent() ? "defaults" : "nil",
                delay + " s",
                current + "->" + minimum,
                reached,
                syncs,
                outcome.reached() ? "+" + outcome.overshoot() : "-",
                outcome.reached() ? (outcome.droppedBelow() ? "yes" : "no") : "-",
                backAfterPeak(signal, test, behavior, delay, minimum));
    }

    private static String backAfterPeak(
            PrescaleSignal signal, ToleranceTest test, Optional<Behavior> behavior, int delay, int minimum) {
        int peak = (int) Math.ceil(minimum * 1.5);
        int low = (minimum + 1) / 2;
        HpaMetric.Traffic traffic = new HpaMetric.Traffic(t -> t < PEAK_END ? peak : low);
        HpaSettings settings = HpaSettings.of(
                        1,
                        PrescaleScenario.MAX_REPLICAS,
                        test,
                        List.of(signal.metric(minimum, WINDOW, PrescaleSignal.ExporterView.HPA_STATUS), traffic))
                .withPipelineDelay(Duration.ofSeconds(delay));
        settings = behavior.map(settings::withBehavior).orElse(settings);
        List<Step> steps = HpaSimulator.run(settings, minimum, 0, WINDOW - 15);
        for (Step step : steps) {
            if (step.second() >= PEAK_END && step.desiredReplicas() <= minimum) {
                return (step.second() - PEAK_END) + " s";
            }
        }
        return "never (" + steps.get(steps.size() - 1).desiredReplicas() + ")";
    }
}
