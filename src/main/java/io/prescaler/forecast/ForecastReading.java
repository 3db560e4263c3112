package io.prescaler.forecast;

import io.prescaler.schedule.AnnotationProblem;
import java.util.List;
import java.util.Objects;

/** The outcome of reading an HPA's forecast annotations with {@link ForecastAnnotations#read}. */
public sealed interface ForecastReading {

    /** None of the forecast keys is set: no forecast for this HPA. */
    record NotForecast() implements ForecastReading {}

    /** Forecast keys are set but some are wrong or missing; every problem is listed. */
    record Invalid(List<AnnotationProblem> problems) implements ForecastReading {
        public Invalid {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid reading needs at least one problem");
            }
            problems = List.copyOf(problems);
        }
    }

    /** The forecast the annotations ask for. */
    record Valid(ForecastSettings settings) implements ForecastReading {
        public Valid {
            Objects.requireNonNull(settings, "settings");
        }
    }

    /** Whether any forecast key is set (valid or not): such an HPA is prescaled. */
    default boolean isForecast() {
        return !(this instanceof NotForecast);
    }
}
