package io.prescaler.schedule;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The valid special events of the events file. */
public record EventCalendar(List<SpecialEvent> events) {

    public static final EventCalendar EMPTY = new EventCalendar(List.of());

    public EventCalendar {
        events = List.copyOf(events);
    }

    public ActiveEvents activeAt(Instant instant) {
        return new ActiveEvents(events.stream()
                .map(e -> e.occurrenceAt(instant))
                .flatMap(Optional::stream)
                .toList());
    }

    /** Every occurrence active at some point of [from, to), ordered by when it becomes active. */
    public List<EventOccurrence> occurrencesBetween(Instant from, Instant to) {
        return events.stream()
                .flatMap(e -> e.occurrencesBetween(from, to).stream())
                .sorted(Comparator.comparing(EventOccurrence::activeFrom).thenComparing(EventOccurrence::name))
                .toList();
    }

    /** The occurrences among {@code candidates} active at {@code instant}. */
    public static ActiveEvents activeAmong(List<EventOccurrence> candidates, Instant instant) {
        return new ActiveEvents(
                candidates.stream().filter(o -> o.isActiveAt(instant)).toList());
    }
}
