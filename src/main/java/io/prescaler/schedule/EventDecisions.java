package io.prescaler.schedule;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code events apply} wants of each HPA at one instant: the events file as read, the occurrences active then.
 * A plain function of an HPA's namespace, labels and annotations, so that it is tested without a cluster.
 *
 * <p>Only an HPA whose prescaling annotations are valid gets a multiplier: an update of an invalid one that changes
 * it is denied by the webhook, and removing our own keys is the one write it always allows. An HPA carrying an
 * event whose entry was skipped as invalid is held as it is until its {@code event.end} (see
 * {@link ParsedEvents#holds}).
 */
public final class EventDecisions {

    /**
     * The change wanted on one HPA.
     *
     * @param change the event annotations to set or remove; empty when the HPA already carries what is wanted
     * @param held the HPA is left as it is because the entry of its event is invalid
     */
    public record Decision(Optional<EventAnnotations.Change> change, boolean held) {
        public Decision {
            Objects.requireNonNull(change, "change");
        }
    }

    private final AnnotationParser parser;
    private final EventAnnotations eventAnnotations;
    private final ParsedEvents events;
    private final ActiveEvents active;
    private final Instant now;

    public EventDecisions(AnnotationParser parser, ParsedEvents events, Instant now) {
        this.parser = parser;
        this.eventAnnotations = new EventAnnotations(parser.keys());
        this.events = events;
        this.active = events.calendar().activeAt(now);
        this.now = now;
    }

    /** The occurrences active at this instant. */
    public ActiveEvents active() {
        return active;
    }

    public Decision of(String namespace, Map<String, String> labels, Map<String, String> annotations) {
        Map<String, String> current = annotations == null ? Map.of() : annotations;
        if (isHeld(current)) {
            return new Decision(Optional.empty(), true);
        }
        Optional<EventOccurrence> occurrence = parser.read(current) instanceof AnnotationReading.Valid
                ? active.forHpa(namespace, labels == null ? Map.of() : labels)
                : Optional.empty();
        return new Decision(eventAnnotations.change(current, occurrence), false);
    }

    /** The HPA carries an event whose entry was skipped as invalid, and its end has not passed. */
    private boolean isHeld(Map<String, String> annotations) {
        if (!events.holds(annotations.get(parser.keys().eventName()))) {
            return false;
        }
        // Without a readable end nothing would ever bound it: then decide as for any other HPA.
        String end = annotations.get(parser.keys().eventEnd());
        if (end == null) {
            return false;
        }
        try {
            return Instant.parse(end.trim()).isAfter(now);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
