package io.prescaler.schedule;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/** One occurrence of a special event: the event's own span, active from {@code lead} before its start. */
public record EventOccurrence(SpecialEvent event, TimeSpan span) {

    /**
     * Which of several occurrences applies: the largest multiplier, then the one ending last (so the
     * {@code event.end} annotation covers the whole time an equal multiplier is wanted), then the name.
     */
    public static final Comparator<EventOccurrence> PRECEDENCE = Comparator.comparing(EventOccurrence::multiplier)
            .thenComparing(EventOccurrence::end)
            .reversed()
            .thenComparing(EventOccurrence::name);

    public EventOccurrence {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(span, "span");
    }

    public String name() {
        return event.name();
    }

    public BigDecimal multiplier() {
        return event.multiplier();
    }

    public Instant start() {
        return span.start();
    }

    public Instant end() {
        return span.end();
    }

    /** When the multiplier starts to apply: the start minus the event's lead. */
    public Instant activeFrom() {
        return span.start().minus(event.lead());
    }

    public TimeSpan activeSpan() {
        return new TimeSpan(activeFrom(), span.end());
    }

    public boolean isActiveAt(Instant instant) {
        return activeSpan().contains(instant);
    }

    /** The multiplier as the exporter reads it from the HPA's annotations. */
    public EventMultiplier toMultiplier() {
        return new EventMultiplier(multiplier(), name(), java.util.Optional.of(end()));
    }
}
