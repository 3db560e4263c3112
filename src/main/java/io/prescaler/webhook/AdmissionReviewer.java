package io.prescaler.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.schedule.PrescalingSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The webhook's decision as a plain function of the request: which HPAs are touched, which are denied, and the
 * JSON Patch for the others. Knows nothing of HTTP; {@code mutate} calls it too.
 */
public final class AdmissionReviewer {

    private static final Set<String> MUTATED_OPERATIONS = Set.of("CREATE", "UPDATE");

    private final AnnotationParser parser;
    private final MetricEncoding encoding;
    private final Clock clock;

    public AdmissionReviewer(AnnotationParser parser, MetricEncoding encoding, Clock clock) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public MetricEncoding encoding() {
        return encoding;
    }

    public AdmissionResponse review(AdmissionRequest request) {
        String uid = request.uid();
        if (!AdmissionRequest.GroupVersionKind.HPA_V2.equals(request.kind())
                || !MUTATED_OPERATIONS.contains(request.operation())
                || !request.subResource().isEmpty()) {
            return AdmissionResponse.allowed(uid);
        }
        JsonNode hpa = request.object();
        if (hpa == null || !hpa.isObject()) {
            return AdmissionResponse.errored(uid, 400, "request.object is missing or not a JSON object");
        }
        String objectKind = hpa.path("kind").asText("");
        if (!objectKind.isEmpty() && !"HorizontalPodAutoscaler".equals(objectKind)) {
            return AdmissionResponse.errored(
                    uid, 400, "request.kind says HorizontalPodAutoscaler but request.object is a " + objectKind);
        }
        JsonNode annotationsNode = hpa.path("metadata").path("annotations");
        if (!annotationsNode.isMissingNode() && !annotationsNode.isNull() && !annotationsNode.isObject()) {
            return AdmissionResponse.errored(uid, 400, "metadata.annotations is not a map of strings");
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = annotationsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                return AdmissionResponse.errored(
                        uid, 400, "metadata.annotations." + entry.getKey() + " is not a string");
            }
            annotations.put(entry.getKey(), entry.getValue().asText());
        }
        JsonNode spec = hpa.path("spec");
        AnnotationReading reading = parser.read(annotations);
        if (reading instanceof AnnotationReading.Invalid invalid) {
            return AdmissionResponse.denied(uid, invalid.message(), List.of());
        }
        if (reading instanceof AnnotationReading.NotPrescaled) {
            return answer(uid, MetricBlockPlanner.removeAll(spec), List.of());
        }
        PrescalingSpec prescaling = ((AnnotationReading.Valid) reading).spec();
        List<String> warnings = new ArrayList<>(capWarnings(prescaling, spec));
        String hpaName = hpa.path("metadata").path("name").asText("");
        if (hpaName.isEmpty()) {
            hpaName = request.name();
        }
        String targetName = spec.path("scaleTargetRef").path("name").asText("");
        String selectorValue = encoding == MetricEncoding.DIRECT ? hpaName : targetName;
        if (selectorValue.isEmpty()) {
            warnings.add("no prescaling metric was added: the "
                    + (encoding == MetricEncoding.DIRECT
                            ? "HPA has no name yet (generateName); give it a metadata.name"
                            : "HPA has no spec.scaleTargetRef.name")
                    + " so that the metric selector can name it");
            return AdmissionResponse.allowed(uid, warnings);
        }
        MetricBlockPlanner.Plan plan =
                MetricBlockPlanner.ensure(spec, encoding, PrescalingMetricBlock.of(encoding, hpaName, targetName));
        if (plan.keptHandWrittenLegacy() && encoding == MetricEncoding.DIRECT) {
            warnings.add("kept the existing " + MetricEncoding.LEGACY.metricName()
                    + " metric and added no " + MetricEncoding.DIRECT.metricName()
                    + " metric; note that Kubernetes >= 1.33 never scales on the legacy 11/10 signal:"
                    + " remove that metric to let the webhook inject " + MetricEncoding.DIRECT.metricName());
        }
        return answer(uid, plan.patch(), warnings);
    }

    private List<String> capWarnings(PrescalingSpec prescaling, JsonNode spec) {
        JsonNode max = spec.path("maxReplicas");
        if (!max.canConvertToInt() || max.asInt() < 1) {
            return List.of();
        }
        int maxReplicas = max.asInt();
        String minKey = parser.keys().minReplicas();
        if (prescaling.minReplicas() > maxReplicas) {
            return List.of(minKey + " asks for " + prescaling.minReplicas() + " replicas but spec.maxReplicas is "
                    + maxReplicas + ": the minimum will be capped at " + maxReplicas);
        }
        EffectiveMinimum now = EffectiveMinimum.of(prescaling, maxReplicas, clock.instant());
        if (now.capped() && now.event().isPresent()) {
            return List.of(minKey + " " + prescaling.minReplicas() + " x event multiplier "
                    + now.multiplier().toPlainString() + " is above spec.maxReplicas " + maxReplicas
                    + ": the minimum will be capped at " + maxReplicas + " while the event lasts");
        }
        return List.of();
    }

    private static AdmissionResponse answer(String uid, JsonPatch patch, List<String> warnings) {
        return patch.isEmpty()
                ? AdmissionResponse.allowed(uid, warnings)
                : AdmissionResponse.patched(uid, patch, warnings);
    }
}
