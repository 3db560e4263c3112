package io.prescaler.history;

import io.prescaler.demand.DemandCurve;
import java.util.Objects;

/** What a range read from Prometheus gave: a demand curve, or why not. */
public sealed interface RangeResult {

    /**
     * The samples of the one series the query returned.
     *
     * @param queries the HTTP requests it took (a long span is read in several)
     */
    record Samples(DemandCurve curve, int queries) implements RangeResult {
        public Samples {
            Objects.requireNonNull(curve, "curve");
        }
    }

    /** No samples, and why. */
    record Failed(QueryFailure failure, int queries) implements RangeResult {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** The HTTP requests sent for this read. */
    int queries();
}
