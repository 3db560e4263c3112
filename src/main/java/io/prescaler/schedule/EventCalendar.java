package io.prescaler.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The valid special events of the events file. Each event is evaluated on its own: should one fail (the parser's
 * bounds are meant to prevent it), it is left out and named in {@code failures}, and the others still apply.
 */
public record EventCalendar(List<SpecialEvent> events) {

    public static final EventCalendar EMPTY = new EventCalendar(List.of());

    public EventCalendar {
        events = List.copyOf(events);
    }

    public ActiveEvents activeAt(Instant instant) {
        List<String> failures = new ArrayList<>();
        List<EventOccurrence> active =
                each(e -> e.occurrenceAt(instant).stream().toList(), instant, failures);
        return new ActiveEvents(active, failures);
    }

    /** Every occurrence active at some point of [from, to), ordered by when it becomes active. */
    public List<EventOccurrence> occurrencesBetween(Instant from, Instant to) {
        return between(from, to).occurrences();
    }

    /** Every occurrence active at some point of [from, to), ordered, and the events that could not be evaluated. */
    public Between between(Instant from, Instant to) {
        List<String> failures = new ArrayList<>();
        List<EventOccurrence> occurrences = new ArrayList<>(each(e -> e.occurrencesBetween(from, to), from, failures));
        occurrences.sort(Comparator.comparing(EventOccurrence::activeFrom).thenComparing(EventOccurrence::name));
        return new Between(occurrences, failures);
    }

    private List<EventOccurrence> each(
            Function<SpecialEvent, List<EventOccurrence>> evaluate, Instant at, List<String> failures) {
        List<EventOccurrence> result = new ArrayList<>();
        for (SpecialEvent event : events) {
            try {
                result.addAll(evaluate.apply(event));
            } catch (RuntimeException e) {
                failures.add(failure(event, at, e));
            }
        }
        return result;
    }

    static String failure(SpecialEvent event, Instant at, RuntimeException e) {
        return "event " + QuotedValue.of(event.name()) + ": could not be evaluated at " + at + " ("
                + e.getClass().getSimpleName() + ": " + QuotedValue.of(String.valueOf(e.getMessage()))
                + "); left out, the other events still apply";
    }

    /** The occurrences among {@code candidates} active at {@code instant}. */
    public static ActiveEvents activeAmong(List<EventOccurrence> candidates, Instant instant) {
        return new ActiveEvents(
                candidates.stream().filter(o -> o.isActiveAt(instant)).toList());
    }

    /** The occurrences found over a span, and one line per event that could not be evaluated. */
    public record Between(List<EventOccurrence> occurrences, List<String> failures) {
        public Between {
            occurrences = List.copyOf(occurrences);
            failures = List.copyOf(failures);
        }
    }
}
