package io.prescaler.input;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.prescaler.failure.InvalidInputException;
import io.prescaler.schedule.AnnotationKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The autoscaling/v2 HPAs of an input, read with the API's types, for the commands that plan from manifests:
 * plain documents and {@code List} items, and the HPA KEDA builds from each KEDA ScaledObject ({@link KedaHpas}); other objects are passed over, with a note when they carry prescaling
 * annotations. One bad object is an error of its own: the others are still read.
 */
public final class HpaManifests {

    /**
     * @param errors one line each, {@code FILE: document N: ...}: a prescaled HPA of another API version, a
     *     wrong-typed field
     * @param notes one line each: prescaling annotations on an object that is not an HPA
     */
    public record Reading(List<HorizontalPodAutoscaler> hpas, List<String> errors, List<String> notes) {
        public Reading {
            hpas = List.copyOf(hpas);
            errors = List.copyOf(errors);
            notes = List.copyOf(notes);
        }
    }

    private HpaManifests() {}

    /** @throws InvalidInputException when the input is not YAML or JSON (nothing of it can be trusted) */
    public static Reading read(InputText input, AnnotationKeys keys) {
        List<HorizontalPodAutoscaler> hpas = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (YamlDocument document : YamlReader.documents(input)) {
            for (ManifestObject object : ManifestObjects.of(document)) {
                String where = object.where(input.name());
                HpaObjects.misplacedAnnotations(object.object(), keys).ifPresent(n -> notes.add(where + ": " + n));
                Optional<String> unsupported = HpaObjects.unsupportedVersion(object.object(), keys);
                if (unsupported.isPresent()) {
                    errors.add(where + ": " + unsupported.get());
                } else if (HpaObjects.isScaledObject(object.object())) {
                    // Planned as the HPA KEDA builds from it; a wrong-typed field is named as in the ScaledObject.
                    try {
                        hpas.add(HpaObjects.typed(KedaHpas.of(object.object()), object.node(), where));
                    } catch (InvalidInputException e) {
                        errors.add(e.getMessage());
                    }
                } else if (HpaObjects.isPrescalable(object.object())) {
                    try {
                        hpas.add(HpaObjects.typed(object.object(), object.node(), where));
                    } catch (InvalidInputException e) {
                        errors.add(e.getMessage());
                    }
                }
            }
        }
        return new Reading(hpas, errors, notes);
    }
}
