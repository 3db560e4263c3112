package io.prescaler.hpa;

import io.prescaler.schedule.MetricEncoding;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes HPA controller's decision for one HPA, with the memory it keeps between syncs (the recommendation
 * list and, with behavior, the scale events). Mirrors {@code reconcileAutoscaler}, {@code computeReplicasForMetrics},
 * {@code normalizeDesiredReplicas[WithBehaviors]} of {@code pkg/controller/podautoscaler} (see docs/hpa-model.md), with
 * time in whole seconds. Not thread-safe: one instance per simulated HPA.
 */
public final class HpaControllerModel {

    /** calculateScaleUpLimit of the legacy path: max(2 x current, 4). */
    private static final double SCALE_UP_LIMIT_FACTOR = 2.0;

    private static final double SCALE_UP_LIMIT_MINIMUM = 4.0;

    private final HpaSettings settings;
    private final List<Recommendation> recommendations = new ArrayList<>();
    private final List<ScaleEvent> scaleUpEvents = new ArrayList<>();
    private final List<ScaleEvent> scaleDownEvents = new ArrayList<>();
    private boolean seeded;

    private record Recommendation(int replicas, long second) {}

    private record ScaleEvent(int replicaChange, long second, boolean outdated) {}

    public HpaControllerModel(HpaSettings settings) {
        this.settings = settings;
    }

    /**
     * One sync.
     *
     * @param now the sync's time in seconds
     * @param currentReplicas the target's scale spec.replicas
     * @param statusReplicas the target's scale status.replicas (pods created, ready or not)
     * @param readyPods the pods Running and Ready
     * @param seenValues per metric of the settings, in order: the External value read, the traffic metric's
     *     replicas needed, or the load metric's usage ratio
     */
    public Step sync(long now, int currentReplicas, int statusReplicas, int readyPods, List<Double> seenValues) {
        if (seenValues.size() != settings.metrics().size()) {
            throw new IllegalArgumentException(
                    "expected " + settings.metrics().size() + " metric values, got " + seenValues.size());
        }
        int min = settings.minReplicas();
        if (!seeded) {
            // recordInitialRecommendation
            recommendations.add(new Recommendation(currentReplicas, now));
            seeded = true;
        }
        int desired;
        int proposal = -1;
        if (currentReplicas == 0 && min != 0) {
            desired = 0; // autoscaling is disabled for a target scaled to zero by hand
        } else if (currentReplicas > settings.maxReplicas()) {
            desired = settings.maxReplicas();
        } else if (currentReplicas < min) {
            desired = min;
        } else {
            proposal = 0;
            for (int i = 0; i < seenValues.size(); i++) {
                proposal = Math.max(
                        proposal,
                        proposal(
                                settings.metrics().get(i),
                                seenValues.get(i),
                                currentReplicas,
                                statusReplicas,
                                readyPods));
            }
            desired = settings.behavior().isEmpty()
                    ? normalizeLegacy(now, currentReplicas, proposal)
                    : normalizeWithBehavior(settings.behavior().get(), now, currentReplicas, proposal);
        }
        if (desired != currentReplicas && settings.behavior().isPresent()) {
            storeScaleEvent(settings.behavior().get(), now, currentReplicas, desired);
        }
        return new Step(now, currentReplicas, readyPods, seenValues, proposal, desired);
    }

    private int proposal(HpaMetric metric, double seen, int specReplicas, int statusReplicas, int readyPods) {
        if (metric instanceof HpaMetric.External external) {
            return externalProposal(external, seen, specReplicas, statusReplicas, readyPods);
        }
        if (metric instanceof HpaMetric.Load) {
            return loadProposal(seen, specReplicas, readyPods);
        }
        return trafficProposal((int) seen, specReplicas);
    }

    /** getResourceReplicas on a usage ratio averaged over Ready pods: ceil(ratio x readyPods) outside tolerance. */
    private int loadProposal(double usageRatio, int specReplicas, int readyPods) {
        if (settings.isWithinTolerance(usageRatio)) {
            return specReplicas;
        }
        return ceilToInt(usageRatio * readyPods);
    }

    private int externalProposal(
            HpaMetric.External metric, double seen, int specReplicas, int statusReplicas, int readyPods) {
        // prometheus-adapter hands each sample over as int64(value * 1000); the HPA reads the target's MilliValue.
        long usage = (long) (seen * 1000);
        long target = (long) Math.ceil(metric.target() * 1000);
        if (metric.targetType() == MetricEncoding.TargetType.AVERAGE_VALUE) {
            // GetExternalPerPodMetricReplicas: the tolerance test uses status.replicas, the proposal does not.
            double ratio = (double) usage / ((double) target * (double) statusReplicas);
            if (settings.isWithinTolerance(ratio)) {
                return statusReplicas;
            }
            return ceilToInt((double) usage / (double) target);
        }
        // GetExternalMetricReplicas -> getUsageRatioReplicaCount, on spec.replicas and the Ready pods.
        double ratio = (double) usage / (double) target;
        if (specReplicas == 0) {
            return ceilToInt(ratio);
        }
        if (settings.isWithinTolerance(ratio)) {
            return specReplicas;
        }
        return ceilToInt(ratio * readyPods);
    }

    private int trafficProposal(int needed, int specReplicas) {
        double ratio = (double) needed / (double) specReplicas;
        return settings.isWithinTolerance(ratio) ? specReplicas : needed;
    }

    /** normalizeDesiredReplicas: a 5-minute max over the proposals, then max(2 x current, 4) and min/max. */
    private int normalizeLegacy(long now, int currentReplicas, int proposal) {
        long cutoff = now - settings.downscaleStabilization().toSeconds();
        int stabilized = proposal;
        int oldSample = -1;
        for (int i = 0; i < recommendations.size(); i++) {
            Recommendation rec = recommendations.get(i);
            if (rec.second() < cutoff) {
                oldSample = i;
            } else if (rec.replicas() > stabilized) {
                stabilized = rec.replicas();
            }
        }
        store(oldSample, new Recommendation(proposal, now));
        int upLimit = (int) Math.max(SCALE_UP_LIMIT_FACTOR * currentReplicas, SCALE_UP_LIMIT_MINIMUM);
        int maximumAllowed = Math.min(settings.maxReplicas(), upLimit);
        if (stabilized < settings.minReplicas()) {
            return settings.minReplicas();
        }
        return Math.min(stabilized, maximumAllowed);
    }

    /** normalizeDesiredReplicasWithBehaviors: the stabilization envelope, then the policies' rate limits. */
    private int normalizeWithBehavior(Behavior behavior, long now, int currentReplicas, int proposal) {
        long upWindow = behavior.scaleUp().stabilizationWindowSeconds().orElse(0);
        long downWindow = behavior.scaleDown().stabilizationWindowSeconds().orElse((int)
                settings.downscaleStabilization().toSeconds());
        long upCutoff = now - upWindow;
        long downCutoff = now - downWindow;
        int upRecommendation = proposal;
        int downRecommendation = proposal;
        int oldSample = -1;
        for (int i = 0; i < recommendations.size(); i++) {
            Recommendation rec = recommendations.get(i);
            if (rec.second() > upCutoff) {
                upRecommendation = Math.min(rec.replicas(), upRecommendation);
            }
            if (rec.second() > downCutoff) {
                downRecommendation = Math.max(rec.replicas(), downRecommendation);
            }
            if (rec.second() < upCutoff && rec.second() < downCutoff) {
                oldSample = i;
            }
        }
        int stabilized = currentReplicas;
        if (stabilized < upRecommendation) {
            stabilized = upRecommendation;
        }
        if (stabilized > downRecommendation) {
            stabilized = downRecommendation;
        }
        store(oldSample, new Recommendation(proposal, now));

        int scaleUpLimit = Math.max(scaleUpLimit(behavior.scaleUp(), now, currentReplicas), currentReplicas);
        int maximumAllowed = Math.min(settings.maxReplicas(), scaleUpLimit);
        int scaleDownLimit = Math.min(scaleDownLimit(behavior.scaleDown(), now, currentReplicas), currentReplicas);
        int minimumAllowed = Math.max(settings.minReplicas(), scaleDownLimit);
        if (stabilized > maximumAllowed) {
            return maximumAllowed;
        }
        return Math.max(stabilized, minimumAllowed);
    }

    private int scaleUpLimit(ScalingRules rules, long now, int currentReplicas) {
        if (rules.selectPolicy() == ScalingRules.SelectPolicy.DISABLED) {
            return currentReplicas;
        }
        boolean max = rules.selectPolicy() == ScalingRules.SelectPolicy.MAX;
        long result = max ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (ScalingPolicy policy : rules.policies()) {
            int start = periodStart(policy, now, currentReplicas);
            long proposed = policy.type() == ScalingPolicy.Type.PODS
                    ? (long) start + policy.value()
                    : (long) Math.ceil(start * (1 + policy.value() / 100.0));
            result = max ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, result));
    }

    private int scaleDownLimit(ScalingRules rules, long now, int currentReplicas) {
        if (rules.selectPolicy() == ScalingRules.SelectPolicy.DISABLED) {
            return currentReplicas;
        }
        // For scale-down the "Max" policy is the one allowing the biggest change, hence the lowest limit.
        boolean biggestChange = rules.selectPolicy() == ScalingRules.SelectPolicy.MAX;
        long result = biggestChange ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (ScalingPolicy policy : rules.policies()) {
            int start = periodStart(policy, now, currentReplicas);
            long proposed = policy.type() == ScalingPolicy.Type.PODS
                    ? (long) start - policy.value()
                    : (long) (start * (1 - policy.value() / 100.0));
            result = biggestChange ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, result));
    }

    /** The replicas at the start of the policy's period: current minus what was added plus what was removed. */
    private int periodStart(ScalingPolicy policy, long now, int currentReplicas) {
        long cutoff = now - policy.periodSeconds();
        return currentReplicas - changeAfter(scaleUpEvents, cutoff) + changeAfter(scaleDownEvents, cutoff);
    }

    private static int changeAfter(List<ScaleEvent> events, long cutoff) {
        int sum = 0;
        for (ScaleEvent event : events) {
            if (event.second() > cutoff) { // time.After: strictly after, so a 15 s period renews at every sync
                sum += event.replicaChange();
            }
        }
        return sum;
    }

    private void storeScaleEvent(Behavior behavior, long now, int previous, int next) {
        List<ScaleEvent> events = next > previous ? scaleUpEvents : scaleDownEvents;
        ScalingRules rules = next > previous ? behavior.scaleUp() : behavior.scaleDown();
        long outdatedBefore = now - rules.longestPeriodSeconds();
        // markScaleEventsOutdated, then the first outdated slot is reused, as the controller does.
        for (int i = 0; i < events.size(); i++) {
            ScaleEvent event = events.get(i);
            if (event.second() < outdatedBefore) {
                events.set(i, new ScaleEvent(event.replicaChange(), event.second(), true));
            }
        }
        ScaleEvent stored = new ScaleEvent(Math.abs(next - previous), now, false);
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).outdated()) {
                events.set(i, stored);
                return;
            }
        }
        events.add(stored);
    }

    private void store(int oldSample, Recommendation recommendation) {
        if (oldSample >= 0) {
            recommendations.set(oldSample, recommendation);
        } else {
            recommendations.add(recommendation);
        }
    }

    private static int ceilToInt(double value) {
        double ceiled = Math.ceil(value);
        if (Double.isNaN(ceiled)) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, ceiled); // v1.34+ caps proposals at MaxInt32
    }
}
