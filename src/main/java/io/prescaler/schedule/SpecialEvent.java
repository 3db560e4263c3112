package io.prescaler.schedule;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A special event from the events file: while it is active, the minimum of the HPAs it selects is multiplied.
 * It is active on [start - lead, end): the lead lets capacity be ready when the event begins.
 *
 * @param namespaces the namespaces whose HPAs it applies to; empty means every namespace
 * @param selector the HPA labels it applies to; {@link LabelSelector#EVERYTHING} means every prescaled HPA
 * @param zone the zone of its local date-times and of its cron schedule
 */
public record SpecialEvent(
        String name,
        BigDecimal multiplier,
        EventTiming timing,
        Duration lead,
        Set<String> namespaces,
        LabelSelector selector,
        ZoneId zone) {

    public SpecialEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(multiplier, "multiplier");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(zone, "zone");
        namespaces = Set.copyOf(namespaces);
        if (!Multipliers.isWithinBounds(multiplier)) {
            throw new IllegalArgumentException(Multipliers.FORM + ", not " + QuotedValue.of(multiplier.toString()));
        }
        if (lead.isNegative() || lead.compareTo(EventBounds.LONGEST_LEAD) > 0) {
            throw new IllegalArgumentException("a lead is from 0 to " + Durations.format(EventBounds.LONGEST_LEAD));
        }
    }

    public boolean appliesTo(String namespace, Map<String, String> labels) {
        return (namespaces.isEmpty() || namespaces.contains(namespace)) && selector.matches(labels);
    }

    /** The occurrence active at {@code instant} that ends last, if any. */
    public Optional<EventOccurrence> occurrenceAt(Instant instant) {
        return timing.latestStartingBy(instant.plus(lead), zone)
                .filter(span -> span.end().isAfter(instant))
                .map(span -> new EventOccurrence(this, span));
    }

    /**
     * Every occurrence whose active span [start - lead, end) overlaps [from, to), in order. Occurrences whose active
     * spans overlap or touch (a lead longer than the gap between two firings) are merged into one: the multiplier
     * applies throughout, and a plan then handles one occurrence instead of one per firing of the lead's days.
     */
    public List<EventOccurrence> occurrencesBetween(Instant from, Instant to) {
        List<EventOccurrence> occurrences = new ArrayList<>();
        TimeSpan run = null;
        for (TimeSpan span : timing.spansBetween(from, to.plus(lead), zone)) {
            if (run != null && !span.start().minus(lead).isAfter(run.end())) {
                run = new TimeSpan(run.start(), span.end().isAfter(run.end()) ? span.end() : run.end());
                continue;
            }
            if (run != null) {
                occurrences.add(new EventOccurrence(this, run));
            }
            run = span;
        }
        if (run != null) {
            occurrences.add(new EventOccurrence(this, run));
        }
        return occurrences.stream().filter(o -> o.activeFrom().isBefore(to)).toList();
    }
}
