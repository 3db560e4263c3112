package io.prescaler.schedule;

import java.time.Instant;
import java.util.Objects;

/** A span of time, start inclusive and end exclusive. */
public record TimeSpan(Instant start, Instant end) {

    public TimeSpan {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    public boolean isEmpty() {
        return !end.isAfter(start);
    }
}
