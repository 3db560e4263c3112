package io.prescaler.replay;

import io.prescaler.demand.DemandCurve;
import io.prescaler.hpa.Capacity;
import io.prescaler.hpa.HpaMetric;
import io.prescaler.hpa.HpaSettings;
import io.prescaler.hpa.HpaSimulator;
import io.prescaler.hpa.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one policy of an HPA over a demand curve in the HPA controller model: 15 s syncs, the HPA's min, max and
 * behavior, its own metric carrying the demand (read through the pipeline delay, over the Ready pods) and, under
 * a policy with floors, the prescaling metric the exporter would publish for the policy's minimum. Pods are
 * Ready a pod start-up after their creation.
 *
 * <p>The run starts settled: the Deployment runs the replicas the demand at {@code from} needs (at least the floor,
 * within min and max), all Ready.
 */
public final class Replayer {

    private Replayer() {}

    public static PolicyRun run(
            ReplayedHpa hpa,
            Policy policy,
            DemandCurve demand,
            ReplayAssumptions assumptions,
            Instant from,
            Instant to) {
        if (policy.includes(PolicyPart.SPIKE)) {
            hpa = hpa.withSpikeFloors(
                    SpikeFloors.replay(hpa.spike(), demand, assumptions.pipelineDelay(), from, to, hpa.maxReplicas()));
        }
        ReplayedHpa replayed = hpa;
        List<HpaMetric> metrics = new ArrayList<>();
        metrics.add(new HpaMetric.Load(demand::at));
        int floor = 0;
        if (!policy.isReactive()) {
            metrics.add(HpaMetric.External.of(replayed.encoding(), (at, observed) -> replayed.encoding()
                    .value(replayed.minimumAt(policy, Instant.ofEpochSecond(at)), observed.hpaStatusCurrent())));
            floor = hpa.minimumAt(policy, from).replicas();
        }
        HpaSettings settings = HpaSettings.of(
                        hpa.minReplicas(), hpa.maxReplicas(), assumptions.toleranceTest(), metrics)
                .withPipelineDelay(assumptions.pipelineDelay())
                .withReadinessDelay(assumptions.podStartup());
        settings = hpa.behavior().map(settings::withBehavior).orElse(settings);
        int needed = (int) Math.min(Integer.MAX_VALUE, Math.ceil(demand.at(from.getEpochSecond())));
        int initial = Math.max(hpa.minReplicas(), Math.min(hpa.maxReplicas(), Math.max(needed, floor)));
        List<Step> syncs = HpaSimulator.run(settings, initial, from.getEpochSecond(), to.getEpochSecond() - 1);
        return new PolicyRun(policy, syncs, new Capacity(syncs, initial, assumptions.podStartup()), hpa.spikeFloors());
    }
}
