package io.prescaler.plan;

import io.prescaler.schedule.MetricEncoding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A small model of the HPA controller with its defaults: a sync every 15 s; the External metric's proposal
 * (AverageValue: ceil(value / target); Value: ceil(value / target x replicas)) unless the ratio is within the 10 %
 * tolerance (the v1.33+ test, bounds included); clamped to min..max; scale-up limited per sync to max(2x, +4);
 * scale-down to the highest recommendation of the last 5 minutes. The CPU metric is not modelled (it is assumed
 * to ask for no more than the minimum), and pods are counted as soon as they are asked for.
 */
public final class SimpleHpaModel implements ReplicaSimulation {

    static final Duration SYNC = Duration.ofSeconds(15);
    static final Duration STABILIZATION = Duration.ofMinutes(5);
    static final double TOLERANCE = 0.1;
    /** Runs the model this long before the first sample so that the first rows do not show a cold start. */
    static final Duration WARM_UP = Duration.ofHours(1);

    @Override
    public List<Integer> replicas(Hpa hpa, List<Instant> samples, MetricFeed feed) {
        List<Integer> result = new ArrayList<>(samples.size());
        if (samples.isEmpty()) {
            return result;
        }
        int min = Math.max(1, hpa.minReplicas());
        int max = Math.max(min, hpa.maxReplicas());
        int current = min;
        Deque<Recommendation> recent = new ArrayDeque<>();
        Instant sync = samples.get(0).minus(WARM_UP);
        for (Instant sample : samples) {
            while (!sync.isAfter(sample)) {
                current = sync(hpa, min, max, current, feed.value(sync, current), sync, recent);
                sync = sync.plus(SYNC);
            }
            result.add(current);
        }
        return result;
    }

    private static int sync(
            Hpa hpa, int min, int max, int current, long value, Instant now, Deque<Recommendation> recent) {
        int proposal = min;
        if (hpa.encoding().isPresent()) {
            proposal = Math.max(proposal, proposal(hpa.encoding().get(), value, current));
        }
        int desired = Math.max(min, Math.min(max, proposal));
        recent.addLast(new Recommendation(now, desired));
        while (recent.getFirst().at().isBefore(now.minus(STABILIZATION))) {
            recent.removeFirst();
        }
        if (desired > current) {
            int limit = Math.max(2 * current, current + 4);
            return Math.min(desired, Math.min(limit, max));
        }
        int stabilized =
                recent.stream().mapToInt(Recommendation::replicas).max().orElse(desired);
        return Math.min(current, stabilized);
    }

    private static int proposal(MetricEncoding encoding, long value, int current) {
        double target = encoding.targetValue();
        return switch (encoding.targetType()) {
            case AVERAGE_VALUE -> {
                double ratio = value / (target * current);
                yield withinTolerance(ratio) ? current : (int) Math.ceil(value / target);
            }
            case VALUE -> {
                double ratio = value / target;
                yield withinTolerance(ratio) ? current : (int) Math.ceil(ratio * current);
            }
        };
    }

    private static boolean withinTolerance(double ratio) {
        return 1.0 - TOLERANCE <= ratio && ratio <= 1.0 + TOLERANCE;
    }

    private record Recommendation(Instant at, int replicas) {}
}
