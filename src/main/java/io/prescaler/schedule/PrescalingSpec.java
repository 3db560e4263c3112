package io.prescaler.schedule;

import java.util.Objects;
import java.util.Optional;

/** What an HPA's annotations ask for: a minimum during a daily window, and perhaps an event's multiplier. */
public record PrescalingSpec(int minReplicas, PrescalingWindow window, Optional<EventMultiplier> event) {

    public PrescalingSpec {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(event, "event");
        if (minReplicas < 1) {
            throw new IllegalArgumentException("minReplicas must be >= 1");
        }
    }
}
