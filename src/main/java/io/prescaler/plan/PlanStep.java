package io.prescaler.plan;

import io.prescaler.schedule.EventOccurrence;
import java.time.Instant;
import java.util.Optional;

/** One step of an HPA's day: what the window, the events, the exporter and the HPA would do at that instant. */
public record PlanStep(
        Instant at,
        boolean windowOpen,
        Optional<EventOccurrence> event,
        int minimum,
        long directValue,
        long legacyValue,
        int replicas) {

    /** Whether two steps would print the same row, time apart. */
    boolean sameAs(PlanStep other) {
        return windowOpen == other.windowOpen
                && event.map(EventOccurrence::name).equals(other.event.map(EventOccurrence::name))
                && minimum == other.minimum
                && directValue == other.directValue
                && legacyValue == other.legacyValue
                && replicas == other.replicas;
    }
}
