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
     *
     * @param wanted the entry, built for this patch: it becomes the value of the patch's operation as it is (not a
     *     copy), so it must not be changed afterwards
     */
    public static Plan ensure(JsonNode spec, MetricEncoding encoding, JsonNode wanted) {
        if (!spec.isObject()) {
            // No spec at all: the API server rejects such an HPA; nothing sensible to add.
            return new Plan(JsonPatch.EMPTY, false);
        }
        JsonNode metrics = spec.get("metrics");
        if (metrics == null || metrics.isNull()) {
            JsonNode list = JsonNodeFactory.instance.arrayNode().add(wanted);
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
            ops.add(PatchOperation.add(METRICS + "/-", wanted));
        } else {
            int keep = ours.get(0);
            if (!metrics.get(keep).equals(wanted)) {
                ops.add(PatchOperation.replace(METRICS + "/" + keep, wanted));
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
     * The patch that removes the prescaling entries this webhook injects, for an HPA whose annotations were taken
     * away: without annotations the entry asks for nothing any more. A {@code prescaling_min_replicas} entry is
     * always removed (only this webhook writes it). An {@code annotation_scaling_min_replica} entry looks the same
     * whether this webhook injected it in legacy mode or a team wrote it by hand for Bedrock's exporter, so it is
     * removed only when the webhook runs in legacy mode and the entry has exactly the injected shape; any other is
     * kept, and the plan says so.
     */
    public static Plan removeAll(JsonNode spec, MetricEncoding encoding) {
        JsonNode metrics = spec.path("metrics");
        if (!metrics.isArray()) {
            return new Plan(JsonPatch.EMPTY, false);
        }
        List<Integer> indices = new ArrayList<>();
        boolean keptLegacy = false;
        for (int i = 0; i < metrics.size(); i++) {
            JsonNode entry = metrics.get(i);
            if (PrescalingMetricBlock.isPrescaling(entry, MetricEncoding.DIRECT)) {
                indices.add(i);
            } else if (PrescalingMetricBlock.isPrescaling(entry, MetricEncoding.LEGACY)) {
                if (encoding == MetricEncoding.LEGACY && PrescalingMetricBlock.isCanonicalLegacy(entry)) {
                    indices.add(i);
                } else {
                    keptLegacy = true;
                }
            }
        }
        return new Plan(new JsonPatch(removals(indices)), keptLegacy);
    }

    /**
     * The patch that removes this webhook's entries whose selector no longer names the HPA (direct) or its target
     * (legacy mode): such an entry reads a series nobody publishes, and a missing series blocks the HPA's scale-in.
     * Used where nothing may be added (invalid annotations admitted on update); entries that select the right name
     * stay, since the exporter publishes 0 for them.
     */
    public static JsonPatch removeStale(JsonNode spec, MetricEncoding encoding, String hpaName, String targetName) {
        JsonNode metrics = spec.path("metrics");
        if (!metrics.isArray()) {
            return JsonPatch.EMPTY;
        }
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            JsonNode entry = metrics.get(i);
            JsonNode labels =
                    entry.path("external").path("metric").path("selector").path("matchLabels");
            if (PrescalingMetricBlock.isPrescaling(entry, MetricEncoding.DIRECT)) {
                if (!hpaName.equals(labels.path("hpa").asText(null))) {
                    indices.add(i);
                }
            } else if (encoding == MetricEncoding.LEGACY
                    && PrescalingMetricBlock.isCanonicalLegacy(entry)
                    && !targetName.equals(labels.path("deployment").asText(null))) {
                indices.add(i);
            }
        }
        return new JsonPatch(removals(indices));
    }

    /** Removals from the highest index down, so that each leaves the indices of the next valid. */
    private static List<PatchOperation> removals(List<Integer> indices) {
        List<PatchOperation> removals = new ArrayList<>();
        if (indices.isEmpty()) {
            return removals;
        }
        List<Integer> descending = new ArrayList<>(indices);
        descending.sort(Comparator.reverseOrder());
        for (int i : descending) {
            removals.add(PatchOperation.remove(METRICS + "/" + i));
        }
        return removals;
    }
}
