package io.prescaler.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The effective minimum one HPA's schedule asks at any instant: its daily window from its annotations and the
 * event of the events file that selects it then (the highest multiplier among those running), as {@code plan} and
 * {@code replay} compute it from the file rather than from event annotations already on the HPA.
 *
 * @param occurrences the event occurrences of the period looked at, from {@link EventCalendar#occurrencesBetween}
 */
public record HpaSchedule(
        PrescalingSpec base,
        int maxReplicas,
        String namespace,
        Map<String, String> labels,
        List<EventOccurrence> occurrences) {

    public HpaSchedule {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(namespace, "namespace");
        labels = Map.copyOf(labels);
        occurrences = List.copyOf(occurrences);
    }

    /** The event running at {@code at} that selects this HPA, if any. */
    public Optional<EventOccurrence> eventAt(Instant at) {
        return EventCalendar.activeAmong(occurrences, at).forHpa(namespace, labels);
    }

    public EffectiveMinimum at(Instant at) {
        PrescalingSpec spec = new PrescalingSpec(
                base.minReplicas(), base.window(), eventAt(at).map(EventOccurrence::toMultiplier));
        return EffectiveMinimum.of(spec, maxReplicas, at);
    }
}
