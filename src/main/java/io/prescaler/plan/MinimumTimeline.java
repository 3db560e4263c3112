package io.prescaler.plan;

import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.EventOccurrence;
import io.prescaler.schedule.PrescalingWindow;
import io.prescaler.schedule.TimeSpan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * An HPA's effective minimum over a span of time, computed once per piece: it can only change where a window
 * occurrence or an event's active span starts or ends, so it is evaluated at those instants and looked up in between.
 * The model asks for it at every sync (thousands of times a day per HPA), which would otherwise dominate a plan.
 */
final class MinimumTimeline {

    private final Instant from;
    private final Instant to;
    private final Instant[] starts;
    private final EffectiveMinimum[] values;
    private final Function<Instant, EffectiveMinimum> exact;

    private MinimumTimeline(
            Instant from,
            Instant to,
            Instant[] starts,
            EffectiveMinimum[] values,
            Function<Instant, EffectiveMinimum> exact) {
        this.from = from;
        this.to = to;
        this.starts = starts;
        this.values = values;
        this.exact = exact;
    }

    /**
     * @param exact the effective minimum at an instant, as the exporter computes it
     * @param occurrences every event occurrence that may apply in [from, to)
     */
    static MinimumTimeline of(
            Instant from,
            Instant to,
            PrescalingWindow window,
            List<EventOccurrence> occurrences,
            Function<Instant, EffectiveMinimum> exact) {
        TreeSet<Instant> boundaries = new TreeSet<>();
        boundaries.add(from);
        List<Instant> candidates = new ArrayList<>();
        for (TimeSpan span : window.occurrencesBetween(from, to)) {
            candidates.add(span.start());
            candidates.add(span.end());
        }
        for (EventOccurrence o : occurrences) {
            candidates.add(o.activeFrom());
            candidates.add(o.end());
        }
        for (Instant at : candidates) {
            if (at.isAfter(from) && at.isBefore(to)) {
                boundaries.add(at);
            }
        }
        Instant[] starts = boundaries.toArray(Instant[]::new);
        EffectiveMinimum[] values = new EffectiveMinimum[starts.length];
        for (int i = 0; i < starts.length; i++) {
            values[i] = exact.apply(starts[i]);
        }
        return new MinimumTimeline(from, to, starts, values, exact);
    }

    EffectiveMinimum at(Instant instant) {
        if (instant.isBefore(from) || !instant.isBefore(to)) {
            return exact.apply(instant);
        }
        int index = Arrays.binarySearch(starts, instant);
        return values[index >= 0 ? index : -index - 2];
    }
}
