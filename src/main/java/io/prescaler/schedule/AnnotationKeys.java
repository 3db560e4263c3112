package io.prescaler.schedule;

import java.util.List;
import java.util.Objects;

/**
 * The annotation keys under one prefix. Bedrock's original prefix is the default so that HPAs written for the
 * original exporter keep working unchanged.
 */
public record AnnotationKeys(String prefix) {

    public static final String DEFAULT_PREFIX = "annotations.scaling.exporter";
    public static final AnnotationKeys DEFAULT = new AnnotationKeys(DEFAULT_PREFIX);

    public AnnotationKeys {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("the annotation prefix must not be blank");
        }
    }

    public String minReplicas() {
        return prefix + ".replica.min";
    }

    public String start() {
        return prefix + ".time.start";
    }

    public String end() {
        return prefix + ".time.end";
    }

    public String days() {
        return prefix + ".days";
    }

    public String timezone() {
        return prefix + ".timezone";
    }

    /** How long before {@code time.start} the window opens, so that capacity is ready at the start. */
    public String lead() {
        return prefix + ".lead";
    }

    public String eventMultiplier() {
        return prefix + ".event.multiplier";
    }

    public String eventName() {
        return prefix + ".event.name";
    }

    public String eventEnd() {
        return prefix + ".event.end";
    }

    /** The spike guard's mode, {@code on} or {@code preview}; its presence turns the guard on for the HPA. */
    public String spike() {
        return prefix + ".spike";
    }

    /** The velocity that triggers the spike guard (replicas per minute, or a percentage of the demand). */
    public String spikeVelocity() {
        return prefix + ".spike.velocity";
    }

    /** The acceleration that triggers the spike guard (replicas per minute per minute, or a percentage). */
    public String spikeAcceleration() {
        return prefix + ".spike.acceleration";
    }

    /** How far ahead the spike floor extrapolates the demand. */
    public String spikeLookahead() {
        return prefix + ".spike.lookahead";
    }

    /** How long both spike signals stay below their thresholds before a spike ends. */
    public String spikeHold() {
        return prefix + ".spike.hold";
    }

    /** The spike guard's keys, read by their own parser ({@code spike.SpikeAnnotations}); any makes an HPA prescaled. */
    public List<String> spikeKeys() {
        return List.of(spike(), spikeVelocity(), spikeAcceleration(), spikeLookahead(), spikeHold());
    }

    /** The three keys a team must set together. */
    public List<String> required() {
        return List.of(minReplicas(), start(), end());
    }

    /** Every key a team may set; their presence is what makes an HPA prescaled. */
    public List<String> userKeys() {
        return List.of(minReplicas(), start(), end(), days(), timezone(), lead());
    }

    /** The keys only {@code events apply} writes. */
    public List<String> eventKeys() {
        return List.of(eventMultiplier(), eventName(), eventEnd());
    }

    /** Every key of ours: the team's, the event keys and the demand floors' keys. */
    public List<String> allKeys() {
        List<String> all = new java.util.ArrayList<>(List.of(
                minReplicas(), start(), end(), days(), timezone(), lead(), eventMultiplier(), eventName(), eventEnd()));
        all.addAll(spikeKeys());
        return List.copyOf(all);
    }
}
