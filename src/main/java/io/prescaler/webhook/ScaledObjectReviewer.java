package io.prescaler.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.prescaler.reading.AnnotationReadings;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.PrescalingSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook's decision for a KEDA ScaledObject, as {@link AdmissionReviewer} decides an HPA: the same
 * annotations, validated by the same parser and denied with every problem named (with the same allowances on
 * UPDATE), and one Prescaler trigger in {@code spec.triggers} instead of one metric block in {@code spec.metrics}:
 * added, fixed or removed, the team's other triggers untouched.
 */
final class ScaledObjectReviewer {

    static final AdmissionRequest.GroupVersionKind SCALED_OBJECT = AdmissionRequest.GroupVersionKind.SCALED_OBJECT;

    /** KEDA's default {@code maxReplicaCount}. */
    private static final int DEFAULT_MAX_REPLICAS = 100;

    private final AnnotationParser parser;
    private final ScalerTrigger trigger;
    private final Clock clock;

    ScaledObjectReviewer(AnnotationParser parser, ScalerTrigger trigger, Clock clock) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Decides a CREATE or UPDATE of a ScaledObject (the caller filtered the operation and subresource). */
    AdmissionResponse review(AdmissionRequest request) {
        String uid = request.uid();
        AdmittedObject object = request.object();
        if (object == null) {
            return AdmissionResponse.errored(uid, 400, "request.object is missing or not a JSON object");
        }
        String objectKind = object.kind();
        if (!objectKind.isEmpty() && !SCALED_OBJECT.kind().equals(objectKind)) {
            return AdmissionResponse.errored(
                    uid, 400, "request.kind says ScaledObject but request.object is a " + objectKind);
        }
        if (object.annotationsProblem().isPresent()) {
            return AdmissionResponse.errored(
                    uid, 400, object.annotationsProblem().get());
        }
        // The same three parsers as for an HPA: one denial names every bad window, forecast or spike key.
        Map<String, String> annotations = object.annotations();
        AnnotationReadings readings = AnnotationReadings.read(parser, annotations);
        JsonNode spec = object.spec();
        Optional<AnnotationReading.Invalid> problems = readings.problems();
        if (problems.isPresent()) {
            return invalid(request, problems.get());
        }
        List<String> warnings = new ArrayList<>(parser.hints(annotations));
        if (readings.asksNothing()) {
            JsonPatch removal = TriggerPlanner.removeAll(spec, trigger);
            if (!removal.isEmpty()
                    && removal.operations().size() == spec.path("triggers").size()) {
                warnings.add("kept the " + ScalerTrigger.NAME + " trigger although the ScaledObject has no"
                        + " prescaling annotations: it is its only trigger, and KEDA needs one; Prescaler's scaler"
                        + " refuses it (FAILED_PRECONDITION) until the annotations are back or another trigger"
                        + " replaces it");
                return AdmissionResponse.allowed(uid, warnings);
            }
            return answer(uid, removal, warnings);
        }
        if (readings.window() instanceof AnnotationReading.Valid valid) {
            warnings.addAll(capWarnings(valid.spec(), spec));
        }
        return answer(uid, TriggerPlanner.ensure(spec, trigger), warnings);
    }

    /** As for an HPA: denied, except on an UPDATE that keeps the problems it had, or of an object being deleted. */
    private AdmissionResponse invalid(AdmissionRequest request, AnnotationReading.Invalid invalid) {
        String uid = request.uid();
        if (!"UPDATE".equals(request.operation())) {
            return AdmissionResponse.denied(uid, invalid.message(), List.of());
        }
        if (request.object().deleting()) {
            return AdmissionResponse.allowed(
                    uid,
                    List.of("allowed although the ScaledObject's prescaling annotations are invalid, because it is"
                            + " being deleted: " + invalid.message()));
        }
        if (!AdmissionReviewer.unchangedProblems(parser, invalid, request.oldObject())) {
            return AdmissionResponse.denied(uid, invalid.message(), List.of());
        }
        return AdmissionResponse.allowed(
                uid,
                List.of("allowed because these prescaling annotations were already invalid before this update;"
                        + " the ScaledObject gets no prescaling until they are fixed: " + invalid.message()));
    }

    private List<String> capWarnings(PrescalingSpec prescaling, JsonNode spec) {
        JsonNode max = spec.path("maxReplicaCount");
        int maxReplicas = max.isMissingNode() || max.isNull() ? DEFAULT_MAX_REPLICAS : max.asInt(0);
        if (!max.isMissingNode() && !max.isNull() && (!max.canConvertToInt() || maxReplicas < 1)) {
            return List.of();
        }
        String minKey = parser.keys().minReplicas();
        if (prescaling.minReplicas() > maxReplicas) {
            return List.of(minKey + " asks for " + prescaling.minReplicas() + " replicas but spec.maxReplicaCount is "
                    + maxReplicas + (max.isMissingNode() ? " (KEDA's default)" : "")
                    + ": the minimum will be capped at " + maxReplicas);
        }
        if (prescaling.event().isEmpty()) {
            // Without an event the minimum is at most min, checked above: no need to ask whether the window is open.
            return List.of();
        }
        EffectiveMinimum now = EffectiveMinimum.of(prescaling, maxReplicas, clock.instant());
        if (now.capped() && now.event().isPresent()) {
            return List.of(minKey + " " + prescaling.minReplicas() + " x event multiplier "
                    + now.multiplier().toPlainString() + " is above spec.maxReplicaCount " + maxReplicas
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
