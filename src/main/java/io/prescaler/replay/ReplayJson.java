package io.prescaler.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The replay as one JSON object for scripts. The keys documented in the README stay; more may follow. Figures are
 * rounded to 3 decimals.
 */
public final class ReplayJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayJson() {}

    public static String render(ReplayReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("hpa", report.hpa());
        root.put("from", report.from().toString());
        root.put("to", report.to().toString());
        root.put("pod_startup_s", report.assumptions().podStartup().toSeconds());
        root.put("pipeline_delay_s", report.assumptions().pipelineDelay().toSeconds());
        ArrayNode policies = root.putArray("policies");
        for (ReplayReport.Result result : report.results()) {
            ReplayFigures f = result.figures();
            ObjectNode policy = policies.addObject();
            policy.put("policy", result.policy().label());
            policy.put("under_provisioned_replica_minutes", round(f.underProvisionedReplicaMinutes()));
            policy.put("peak_shortfall", round(f.peakShortfall()));
            policy.put("minutes_short", round(f.minutesShort()));
            policy.put("late_at_onset_p50_s", round(f.lateAtOnsetP50Seconds()));
            policy.put("late_at_onset_max_s", round(f.lateAtOnsetMaxSeconds()));
            policy.put("pod_hours", round(f.podHours()));
            policy.put("extra_pod_hours_vs_reactive", round(result.extraPodHoursVsReactive()));
            policy.put("onsets", f.onsets());
            policy.put("demand_hours", round(f.demandHours()));
            if (result.policy().includes(PolicyPart.SPIKE)) {
                SpikeFloors spike = result.run().spike();
                policy.put("spike_triggers", spike.triggers());
                ArrayNode times = policy.putArray("spike_trigger_times");
                spike.triggerTimes().forEach(at -> times.add(at.toString()));
            }
        }
        return root.toPrettyString() + System.lineSeparator();
    }

    private static double round(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).doubleValue();
    }
}
