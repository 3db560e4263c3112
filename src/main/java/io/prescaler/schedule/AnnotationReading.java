package io.prescaler.schedule;

import java.util.List;

/** The outcome of reading an HPA's annotations. */
public sealed interface AnnotationReading {

    /** None of the prescaling keys is set: the HPA is not prescaled. */
    record NotPrescaled() implements AnnotationReading {}

    /** Prescaling keys are set but some are wrong or missing; every problem is listed. */
    record Invalid(List<AnnotationProblem> problems) implements AnnotationReading {
        public Invalid {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid reading needs at least one problem");
            }
            problems = List.copyOf(problems);
        }

        /** All problems in one line, as the webhook's denial and {@code mutate} print them. */
        public String message() {
            StringBuilder text = new StringBuilder("invalid prescaling annotations: ");
            for (int i = 0; i < problems.size(); i++) {
                if (i > 0) {
                    text.append("; ");
                }
                text.append(problems.get(i).message());
            }
            return text.toString();
        }
    }

    record Valid(PrescalingSpec spec) implements AnnotationReading {}

    default boolean isPrescaled() {
        return !(this instanceof NotPrescaled);
    }
}
