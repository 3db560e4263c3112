package io.prescaler.schedule;

import java.util.List;
import java.util.Objects;

/**
 * The annotation keys under one prefix. Bedrock's original prefix is the default so that HPAs written for the
 * original exporter keep working unchanged. Each key is built once: the webhook and the exporter ask for them for
 * every object they read.
 */
public final class AnnotationKeys {

    public static final String DEFAULT_PREFIX = "annotations.scaling.exporter";
    public static final AnnotationKeys DEFAULT = new AnnotationKeys(DEFAULT_PREFIX);

    private final String prefix;
    private final String minReplicas;
    private final String start;
    private final String end;
    private final String days;
    private final String timezone;
    private final String lead;
    private final String eventMultiplier;
    private final String eventName;
    private final String eventEnd;
    private final List<String> required;
    private final List<String> userKeys;
    private final List<String> eventKeys;
    private final List<String> allKeys;

    public AnnotationKeys(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("the annotation prefix must not be blank");
        }
        this.prefix = prefix;
        this.minReplicas = prefix + ".replica.min";
        this.start = prefix + ".time.start";
        this.end = prefix + ".time.end";
        this.days = prefix + ".days";
        this.timezone = prefix + ".timezone";
        this.lead = prefix + ".lead";
        this.eventMultiplier = prefix + ".event.multiplier";
        this.eventName = prefix + ".event.name";
        this.eventEnd = prefix + ".event.end";
        this.required = List.of(minReplicas, start, end);
        this.userKeys = List.of(minReplicas, start, end, days, timezone, lead);
        this.eventKeys = List.of(eventMultiplier, eventName, eventEnd);
        this.allKeys = List.of(minReplicas, start, end, days, timezone, lead, eventMultiplier, eventName, eventEnd);
    }

    public String prefix() {
        return prefix;
    }

    public String minReplicas() {
        return minReplicas;
    }

    public String start() {
        return start;
    }

    public String end() {
        return end;
    }

    public String days() {
        return days;
    }

    public String timezone() {
        return timezone;
    }

    /** How long before {@code time.start} the window opens, so that capacity is ready at the start. */
    public String lead() {
        return lead;
    }

    public String eventMultiplier() {
        return eventMultiplier;
    }

    public String eventName() {
        return eventName;
    }

    public String eventEnd() {
        return eventEnd;
    }

    /** The three keys a team must set together. */
    public List<String> required() {
        return required;
    }

    /** Every key a team may set; their presence is what makes an HPA prescaled. */
    public List<String> userKeys() {
        return userKeys;
    }

    /** The keys only {@code events apply} writes. */
    public List<String> eventKeys() {
        return eventKeys;
    }

    /** Every key of ours: the team's and the event keys. */
    public List<String> allKeys() {
        return allKeys;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AnnotationKeys keys && keys.prefix.equals(prefix);
    }

    @Override
    public int hashCode() {
        return prefix.hashCode();
    }

    @Override
    public String toString() {
        return "AnnotationKeys[prefix=" + prefix + "]";
    }
}
