package io.prescaler.forecast;

import io.prescaler.schedule.EventCalendar;
import io.prescaler.schedule.EventOccurrence;
import io.prescaler.schedule.TimeSpan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The spans of an HPA's history the forecast does not learn from: where an event of the events file applied to it
 * (one-off or recurring, from its lead before the start to its end), so that a football final does not come back
 * the next week. The exporter and {@code replay} read them the same way.
 */
public final class TrainingExclusions {

    private TrainingExclusions() {}

    /** The active spans of the events selecting the HPA over [from, to), in order, overlapping ones merged. */
    public static List<TimeSpan> of(
            EventCalendar calendar, String namespace, Map<String, String> labels, Instant from, Instant to) {
        List<TimeSpan> spans = new ArrayList<>();
        for (EventOccurrence occurrence : calendar.occurrencesBetween(from, to)) {
            if (!occurrence.event().appliesTo(namespace, labels)) {
                continue;
            }
            TimeSpan span = occurrence.activeSpan();
            TimeSpan last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && !span.start().isAfter(last.end())) {
                spans.set(
                        spans.size() - 1,
                        new TimeSpan(last.start(), span.end().isAfter(last.end()) ? span.end() : last.end()));
            } else {
                spans.add(span);
            }
        }
        return List.copyOf(spans);
    }
}
