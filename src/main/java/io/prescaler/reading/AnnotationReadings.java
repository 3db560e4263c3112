package io.prescaler.reading;

import io.prescaler.forecast.ForecastAnnotations;
import io.prescaler.forecast.ForecastReading;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationProblem;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.spike.SpikeAnnotations;
import io.prescaler.spike.SpikeReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An object's annotations as the three parsers read them (the window's, the forecast's, the spike guard's), read
 * once per object and judged together: a denial, a refusal or an error series names the problems of all three.
 * Most objects have no key under the prefix; for them one pass over the keys is the whole reading.
 */
public record AnnotationReadings(AnnotationReading window, ForecastReading forecast, SpikeReading spike) {

    private static final AnnotationReadings NONE = new AnnotationReadings(
            new AnnotationReading.NotPrescaled(), new ForecastReading.NotForecast(), new SpikeReading.Absent());

    public static AnnotationReadings read(AnnotationParser parser, Map<String, String> annotations) {
        AnnotationKeys keys = parser.keys();
        boolean prefixed = false;
        for (String key : annotations.keySet()) {
            if (keys.isUnderPrefix(key)) {
                prefixed = true;
                break;
            }
        }
        if (!prefixed) {
            return NONE;
        }
        return new AnnotationReadings(
                parser.read(annotations),
                ForecastAnnotations.read(keys, annotations),
                new SpikeAnnotations(keys).read(annotations));
    }

    /** Whether none of the three asks for anything: the object is not prescaled. */
    public boolean asksNothing() {
        return window instanceof AnnotationReading.NotPrescaled && !forecast.isForecast() && !spike.isPresent();
    }

    /** The problems of the three readings, in one reading so that a denial names them all; empty when none. */
    public Optional<AnnotationReading.Invalid> problems() {
        if (!(window instanceof AnnotationReading.Invalid)
                && !(forecast instanceof ForecastReading.Invalid)
                && spike.problems().isEmpty()) {
            return Optional.empty();
        }
        List<AnnotationProblem> all = new ArrayList<>();
        if (window instanceof AnnotationReading.Invalid invalid) {
            all.addAll(invalid.problems());
        }
        if (forecast instanceof ForecastReading.Invalid invalid) {
            all.addAll(invalid.problems());
        }
        all.addAll(spike.problems());
        return Optional.of(new AnnotationReading.Invalid(all));
    }
}
