package io.prescaler.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans the JSON Patch on a ScaledObject's {@code spec.triggers} that leaves exactly one Prescaler trigger, touching
 * no other trigger: the counterpart of {@link MetricBlockPlanner}, with the same ordering (one replace, removals
 * from the highest index down, then an append) so that indices stay valid.
 */
public final class TriggerPlanner {

    private static final String TRIGGERS = "/spec/triggers";

    private TriggerPlanner() {}

    /** The patch that makes {@code spec} carry our trigger once, as {@link ScalerTrigger#fixed} writes it. */
    public static JsonPatch ensure(JsonNode spec, ScalerTrigger trigger) {
        if (!spec.isObject()) {
            return JsonPatch.EMPTY;
        }
        JsonNode triggers = spec.get("triggers");
        if (triggers == null || triggers.isNull()) {
            return new JsonPatch(List.of(PatchOperation.add(
                    TRIGGERS, JsonNodeFactory.instance.arrayNode().add(trigger.wanted()))));
        }
        if (!triggers.isArray()) {
            return JsonPatch.EMPTY;
        }
        List<Integer> ours = ours(triggers, trigger);
        if (ours.isEmpty()) {
            return new JsonPatch(List.of(PatchOperation.add(TRIGGERS + "/-", trigger.wanted())));
        }
        List<PatchOperation> ops = new ArrayList<>();
        int keep = ours.get(0);
        JsonNode fixed = trigger.fixed(triggers.get(keep));
        if (!triggers.get(keep).equals(fixed)) {
            ops.add(PatchOperation.replace(TRIGGERS + "/" + keep, fixed));
        }
        ops.addAll(removals(ours.subList(1, ours.size())));
        return new JsonPatch(ops);
    }

    /**
     * The patch that removes our triggers, for a ScaledObject whose annotations were taken away: the scaler would
     * refuse it, and KEDA would report the trigger failing.
     */
    public static JsonPatch removeAll(JsonNode spec, ScalerTrigger trigger) {
        JsonNode triggers = spec.path("triggers");
        if (!triggers.isArray()) {
            return JsonPatch.EMPTY;
        }
        return new JsonPatch(removals(ours(triggers, trigger)));
    }

    private static List<Integer> ours(JsonNode triggers, ScalerTrigger trigger) {
        List<Integer> ours = new ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            if (trigger.isOurs(triggers.get(i))) {
                ours.add(i);
            }
        }
        return ours;
    }

    private static List<PatchOperation> removals(List<Integer> indices) {
        return new ArrayList<>(indices.stream()
                .sorted(Comparator.reverseOrder())
                .map(i -> PatchOperation.remove(TRIGGERS + "/" + i))
                .toList());
    }
}
