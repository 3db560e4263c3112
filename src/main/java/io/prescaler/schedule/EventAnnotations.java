package io.prescaler.schedule;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event annotations {@code events apply} wants on an HPA, and the change from what the HPA carries. Only the
 * three event keys are ever considered: every other annotation is left as it is.
 */
public record EventAnnotations(AnnotationKeys keys) {

    public EventAnnotations {
        Objects.requireNonNull(keys, "keys");
    }

    /** The three annotations for an occurrence, or none. */
    public Map<String, String> wanted(Optional<EventOccurrence> occurrence) {
        if (occurrence.isEmpty()) {
            return Map.of();
        }
        EventOccurrence o = occurrence.get();
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(keys.eventMultiplier(), plain(o.multiplier()));
        wanted.put(keys.eventName(), o.name());
        wanted.put(keys.eventEnd(), o.end().toString());
        return wanted;
    }

    /** What to change so that the HPA carries exactly the wanted event annotations; empty when it already does. */
    public Optional<Change> change(Map<String, String> annotations, Optional<EventOccurrence> occurrence) {
        Map<String, String> current = annotations == null ? Map.of() : annotations;
        Map<String, String> wanted = wanted(occurrence);
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> remove = new TreeSet<>();
        for (String key : keys.eventKeys()) {
            String want = wanted.get(key);
            String have = current.get(key);
            if (want == null && have != null) {
                remove.add(key);
            } else if (want != null && !want.equals(have)) {
                set.put(key, want);
            }
        }
        if (set.isEmpty() && remove.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Change(set, remove, occurrence, Optional.ofNullable(current.get(keys.eventName()))));
    }

    /** A multiplier as written in the annotation: a plain decimal, {@code 3} rather than {@code 3.0} or {@code 3E+0}. */
    public static String plain(BigDecimal multiplier) {
        return multiplier.stripTrailingZeros().toPlainString();
    }

    /**
     * The annotations to set and to remove on one HPA.
     *
     * @param event the occurrence now applying, empty when the event annotations are removed
     * @param previousEvent the event name the HPA carried before, if any
     */
    public record Change(
            Map<String, String> set,
            Set<String> remove,
            Optional<EventOccurrence> event,
            Optional<String> previousEvent) {

        public Change {
            set = Map.copyOf(set);
            remove = Set.copyOf(remove);
        }

        public boolean removesEvent() {
            return event.isEmpty();
        }

        /** One line for logs, dry-run output and Kubernetes Events. */
        public String describe() {
            if (event.isPresent()) {
                EventOccurrence o = event.get();
                return "event " + o.name() + " applied: minimum x" + plain(o.multiplier()) + " until " + o.end();
            }
            return "event " + previousEvent.orElse("(unnamed)") + " removed: no event applies";
        }
    }
}
