package io.prescaler.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.prescaler.schedule.MetricEncoding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans the JSON Patch on {@code spec.metrics} that leaves exactly the wanted prescaling entry, touching no other
 * metric. Operations are ordered so that indices stay valid: one replace, then removals from the highest index
 * down, then an append.
 */
public final class MetricBlockPlanner {

    private static final String METRICS = "/spec/metrics";

    /** The patch, plus whether a hand-written legacy entry was kept instead of the wanted one. */
    public record Plan(JsonPatch patch, boolean keptHandWrittenLegacy) {}

    private MetricBlockPlanner() {}

    /**
     * The patch that makes {@code spec} carry {@code wanted} once. Entries named {@code prescaling_min_replicas}
     * are always ours. Entries named {@code annotation_scaling_min_replica} are ours in legacy mode when they have
     * exactly the shape we write (then a stale deployment name is fixed); otherwise they are hand-written for
     * Bedrock's exporter: kept as they are, and no second entry is added next to them.
     */
    public static Plan ensure(JsonNode spec, MetricEncoding encoding, JsonNode wanted) {
        if (!spec.isObject()) {
            // No spec at all: the API server rejects such an HPA; nothing sensible to add.
            return new Plan(JsonPatch.EMPTY, false);
        }
        JsonNode metrics = spec.get("metrics");
        if (metrics == null || metrics.isNull()) {
            JsonNode list = JsonNodeFactory.instance.arrayNode().add(wanted.deepCopy());
            return new Plan(new JsonPatch(List.of(PatchOperation.add(METRICS, list))), false);
        }
        if (!metrics.isArray()) {
            return new Plan(JsonPatch.EMPTY, false);
        }
        List<Integer> ours = new ArrayList<>();
        List<Integer> handWritten = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            JsonNode entry = metrics.get(i);
            if (PrescalingMetricBlock.isPrescaling(entry, MetricEncoding.DIRECT)) {
                ours.add(i);
            } else if (PrescalingMetricBlock.isPrescaling(entry, MetricEncoding.LEGACY)) {
                if (encoding == MetricEncoding.LEGACY && PrescalingMetricBlock.isCanonicalLegacy(entry)) {
                    ours.add(i);
                } else {
                    handWritten.add(i);
                }
            }
        }
        List<PatchOperation> ops = new ArrayList<>();
        List<Integer> toRemove = new ArrayList<>();
        if (!handWritten.isEmpty()) {
            toRemove.addAll(ours);
        } else if (ours.isEmpty()) {
            ops.add(PatchOperation.add(METRICS + "/-", wanted.deepCopy()));
        } else {
            int keep = ours.get(0);
            if (!metrics.get(keep).equals(wanted)) {
                ops.add(PatchOperation.replace(METRICS + "/" + keep, wanted.deepCopy()));
            }
            toRemove.addAll(ours.subList(1, ours.size()));
        }
        List<PatchOperation> removals = removals(toRemove);
        // The append (if any) must come after the removals, the replace before them.
        if (!ops.isEmpty() && "add".equals(ops.get(0).op())) {
            removals.addAll(ops);
            return new Plan(new JsonPatch(removals), !handWritten.isEmpty());
        }
        ops.addAll(removals);
        return new Plan(new JsonPatch(ops), !handWritten.isEmpty());
    }

    /**
     * The patch that removes every prescaling entry, in either encoding and of any shape: without annotations the
     * exporter publishes no series for the HPA, and a missing series would block its scale-in.
     */
    public static JsonPatch removeAll(JsonNode spec) {
        JsonNode metrics = spec.path("metrics");
        if (!metrics.isArray()) {
            return JsonPatch.EMPTY;
        }
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            if (PrescalingMetricBlock.externalMetricName(metrics.get(i)) != null
                    && (PrescalingMetricBlock.isPrescaling(metrics.get(i), MetricEncoding.DIRECT)
                            || PrescalingMetricBlock.isPrescaling(metrics.get(i), MetricEncoding.LEGACY))) {
                indices.add(i);
            }
        }
        return new JsonPatch(removals(indices));
    }

    private static List<PatchOperation> removals(List<Integer> indices) {
        return new ArrayList<>(indices.stream()
                .sorted(Comparator.reverseOrder())
                .map(i -> PatchOperation.remove(METRICS + "/" + i))
                .toList());
    }
}
