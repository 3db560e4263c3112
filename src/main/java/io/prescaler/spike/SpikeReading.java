package io.prescaler.spike;

import io.prescaler.schedule.AnnotationProblem;
import java.util.List;
import java.util.Objects;

/** The outcome of reading an HPA's spike annotations. */
public sealed interface SpikeReading {

    /** No spike key is set: the guard is off for the HPA. */
    record Absent() implements SpikeReading {}

    /** Spike keys are set but some are wrong; every problem is listed. */
    record Invalid(List<AnnotationProblem> problems) implements SpikeReading {
        public Invalid {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid reading needs at least one problem");
            }
            problems = List.copyOf(problems);
        }
    }

    record Valid(SpikeSettings settings) implements SpikeReading {
        public Valid {
            Objects.requireNonNull(settings, "settings");
        }
    }

    /** Whether any spike key is set. */
    default boolean isPresent() {
        return !(this instanceof Absent);
    }

    /** The problems, none unless invalid. */
    default List<AnnotationProblem> problems() {
        return this instanceof Invalid invalid ? invalid.problems() : List.of();
    }
}
