package io.prescaler.schedule;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event occurrences active at one instant, and the choice of the one that applies to an HPA.
 *
 * @param failures one line per event that could not be evaluated, left out (see {@link EventCalendar})
 */
public record ActiveEvents(List<EventOccurrence> occurrences, List<String> failures) {

    public ActiveEvents {
        occurrences = occurrences.stream().sorted(EventOccurrence.PRECEDENCE).toList();
        failures = List.copyOf(failures);
    }

    public ActiveEvents(List<EventOccurrence> occurrences) {
        this(occurrences, List.of());
    }

    /** The occurrence that applies to an HPA of this namespace and labels: see {@link EventOccurrence#PRECEDENCE}. */
    public Optional<EventOccurrence> forHpa(String namespace, Map<String, String> labels) {
        return occurrences.stream()
                .filter(o -> o.event().appliesTo(namespace, labels))
                .findFirst();
    }

    public boolean isEmpty() {
        return occurrences.isEmpty();
    }
}
