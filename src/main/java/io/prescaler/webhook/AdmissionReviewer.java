package io.prescaler.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.prescaler.reading.AnnotationReadings;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.schedule.PrescalingSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The webhook's decision as a plain function of the request: which HPAs are touched, which are denied, and the
 * JSON Patch for the others. Knows nothing of HTTP; {@code mutate} calls it too.
 */
public final class AdmissionReviewer {

    private static final Set<String> MUTATED_OPERATIONS = Set.of("CREATE", "UPDATE");

    /** The External metric KEDA names after the scaler's {@code prescaling-min-replicas}, index prefix and all. */
    private static final Pattern SCALER_METRIC = Pattern.compile("(s\\d{1,4}-)?prescaling-min-replicas");

    private final AnnotationParser parser;
    private final MetricEncoding encoding;
    private final Clock clock;
    private final ScaledObjectReviewer scaledObjects;

    /** A reviewer whose ScaledObject trigger points at the install's exporter Service. */
    public AdmissionReviewer(AnnotationParser parser, MetricEncoding encoding, Clock clock) {
        this(parser, encoding, clock, new ScalerTrigger(ScalerTrigger.DEFAULT_ADDRESS));
    }

    /** @param scalerTrigger the trigger KEDA ScaledObjects get, pointing at the exporter's gRPC port */
    public AdmissionReviewer(
            AnnotationParser parser, MetricEncoding encoding, Clock clock, ScalerTrigger scalerTrigger) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scaledObjects = new ScaledObjectReviewer(parser, scalerTrigger, clock);
    }

    public MetricEncoding encoding() {
        return encoding;
    }

    public AdmissionResponse review(AdmissionRequest request) {
        String uid = request.uid();
        if (ScaledObjectReviewer.SCALED_OBJECT.equals(request.kind())
                && MUTATED_OPERATIONS.contains(request.operation())
                && request.subResource().isEmpty()) {
            return scaledObjects.review(request);
        }
        if (!AdmissionRequest.GroupVersionKind.HPA_V2.equals(request.kind())
                || !MUTATED_OPERATIONS.contains(request.operation())
                || !request.subResource().isEmpty()) {
            return AdmissionResponse.allowed(uid);
        }
        AdmittedObject hpa = request.object();
        if (hpa == null) {
            return AdmissionResponse.errored(uid, 400, "request.object is missing or not a JSON object");
        }
        String objectKind = hpa.kind();
        if (!objectKind.isEmpty() && !"HorizontalPodAutoscaler".equals(objectKind)) {
            return AdmissionResponse.errored(
                    uid, 400, "request.kind says HorizontalPodAutoscaler but request.object is a " + objectKind);
        }
        if (hpa.scaledObjectOwner().isPresent()) {
            return keptForKeda(uid, hpa, hpa.scaledObjectOwner().get());
        }
        if (hpa.annotationsProblem().isPresent()) {
            return AdmissionResponse.errored(uid, 400, hpa.annotationsProblem().get());
        }
        JsonNode spec = hpa.spec();
        Map<String, String> annotations = hpa.annotations();
        AnnotationReadings readings = AnnotationReadings.read(parser, annotations);
        Optional<AnnotationReading.Invalid> problems = readings.problems();
        if (problems.isPresent()) {
            return invalid(request, problems.get());
        }
        // A key under the prefix that is none of ours is ignored: a warning naming the key meant, not a denial.
        List<String> warnings = new ArrayList<>(parser.hints(annotations));
        if (readings.asksNothing()) {
            MetricBlockPlanner.Plan removal = MetricBlockPlanner.removeAll(spec, encoding);
            warnings.addAll(
                    removal.keptHandWrittenLegacy()
                            ? List.of(
                                    "kept the " + MetricEncoding.LEGACY.metricName() + " metric in spec.metrics: it is"
                                            + " not one this webhook injects in "
                                            + encoding.name().toLowerCase(Locale.ROOT)
                                            + " mode, so it may be hand-written for Bedrock's exporter; without prescaling annotations"
                                            + " Prescaler's exporter publishes 0 for it forever: remove it from spec.metrics unless"
                                            + " another exporter publishes it")
                            : List.of());
            return answer(uid, removal.patch(), warnings);
        }
        if (readings.window() instanceof AnnotationReading.Valid valid) {
            warnings.addAll(capWarnings(valid.spec(), spec));
        }
        String hpaName = hpa.name().isEmpty() ? request.name() : hpa.name();
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

    /**
     * Invalid annotations are denied, except where denying would only trap the HPA: an UPDATE that leaves every
     * problem as it already was in {@code oldObject} (an HPA written before the webhook, or while it was down, must
     * stay editable: finalizers, {@code events apply}, scaling settings), and an UPDATE of an HPA being deleted.
     * Those are allowed with the problems as a warning, and no metric is added or fixed for them.
     */
    private AdmissionResponse invalid(AdmissionRequest request, AnnotationReading.Invalid invalid) {
        String uid = request.uid();
        if (!"UPDATE".equals(request.operation())) {
            return AdmissionResponse.denied(uid, invalid.message(), List.of());
        }
        AdmittedObject hpa = request.object();
        if (hpa.deleting()) {
            return AdmissionResponse.allowed(
                    uid,
                    List.of("allowed although the HPA's prescaling annotations are invalid, because it is being"
                            + " deleted: " + invalid.message()));
        }
        if (!unchangedProblems(invalid, request.oldObject())) {
            return AdmissionResponse.denied(uid, invalid.message(), List.of());
        }
        String hpaName = hpa.name().isEmpty() ? request.name() : hpa.name();
        String targetName = hpa.spec().path("scaleTargetRef").path("name").asText("");
        JsonPatch stale = MetricBlockPlanner.removeStale(hpa.spec(), encoding, hpaName, targetName);
        return answer(
                uid,
                stale,
                List.of("allowed because these prescaling annotations were already invalid before this update;"
                        + " the HPA gets no prescaling until they are fixed: " + invalid.message()));
    }

    /**
     * A KEDA-owned HPA: allowed unchanged, never denied. KEDA copies the ScaledObject's annotations onto it, so
     * prescaling keys are expected there once the ScaledObject is annotated; the warning comes only when the HPA
     * looks meant for prescaling (prescaling keys or metric) but reads nothing from Prescaler's KEDA scaler, i.e.
     * the ScaledObject has no {@code prescaling} trigger.
     */
    private AdmissionResponse keptForKeda(String uid, AdmittedObject hpa, String owner) {
        boolean prescalingKeys = AnnotationKeys.anyIn(parser.keys().userKeys(), hpa.annotations());
        boolean prescalingMetric = false;
        boolean fromScaler = false;
        for (JsonNode metric : hpa.spec().path("metrics")) {
            prescalingMetric |= PrescalingMetricBlock.isPrescaling(metric, MetricEncoding.DIRECT)
                    || PrescalingMetricBlock.isPrescaling(metric, MetricEncoding.LEGACY);
            String name = PrescalingMetricBlock.externalMetricName(metric);
            fromScaler |= name != null && SCALER_METRIC.matcher(name).matches();
        }
        if ((!prescalingKeys && !prescalingMetric) || fromScaler) {
            return AdmissionResponse.allowed(uid);
        }
        return AdmissionResponse.allowed(
                uid,
                List.of("this HPA is owned by KEDA ScaledObject " + owner + ", which rewrites it: the webhook"
                        + " leaves it unchanged; put the prescaling annotations on ScaledObject " + owner
                        + " instead, and the webhook gives it the " + ScalerTrigger.NAME + " trigger of"
                        + " Prescaler's KEDA scaler"));
    }

    /** Whether every problem of the new reading is one the stored object already had: same key, value and cause. */
    private boolean unchangedProblems(AnnotationReading.Invalid invalid, AdmittedObject oldObject) {
        return unchangedProblems(parser, invalid, oldObject);
    }

    static boolean unchangedProblems(
            AnnotationParser parser, AnnotationReading.Invalid invalid, AdmittedObject oldObject) {
        if (oldObject == null || oldObject.annotationsProblem().isPresent()) {
            return false;
        }
        return AnnotationReadings.read(parser, oldObject.annotations())
                .problems()
                .map(old -> old.problems().containsAll(invalid.problems()))
                .orElse(false);
    }

    /** The object's annotations, each value as text (see {@link AdmittedObject#annotations()}). */
    static Map<String, String> annotations(JsonNode object) {
        return AdmittedObject.annotations(object.path("metadata").path("annotations"));
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
        if (prescaling.event().isEmpty()) {
            // Without an event the minimum is at most min, checked above: no need to ask whether the window is open.
            return List.of();
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
