package io.prescaler.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
    private final String forecast;
    private final String forecastQuery;
    private final String forecastHorizon;
    private final String forecastHeadroom;
    private final String spike;
    private final String spikeVelocity;
    private final String spikeAcceleration;
    private final String spikeLookahead;
    private final String spikeHold;
    private final List<String> forecastKeys;
    private final List<String> spikeKeys;
    private final List<String> required;
    private final List<String> userKeys;
    private final List<String> eventKeys;
    private final List<String> allKeys;
    private final Set<String> allKeySet;

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
        this.forecast = prefix + ".forecast";
        this.forecastQuery = prefix + ".forecast.query";
        this.forecastHorizon = prefix + ".forecast.horizon";
        this.forecastHeadroom = prefix + ".forecast.headroom";
        this.spike = prefix + ".spike";
        this.spikeVelocity = prefix + ".spike.velocity";
        this.spikeAcceleration = prefix + ".spike.acceleration";
        this.spikeLookahead = prefix + ".spike.lookahead";
        this.spikeHold = prefix + ".spike.hold";
        this.forecastKeys = List.of(forecast, forecastQuery, forecastHorizon, forecastHeadroom);
        this.spikeKeys = List.of(spike, spikeVelocity, spikeAcceleration, spikeLookahead, spikeHold);
        this.required = List.of(minReplicas, start, end);
        this.userKeys = List.of(minReplicas, start, end, days, timezone, lead);
        this.eventKeys = List.of(eventMultiplier, eventName, eventEnd);
        List<String> all = new ArrayList<>(
                List.of(minReplicas, start, end, days, timezone, lead, eventMultiplier, eventName, eventEnd));
        all.addAll(forecastKeys);
        all.addAll(spikeKeys);
        this.allKeys = List.copyOf(all);
        this.allKeySet = Set.copyOf(all);
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

    /** The forecast's mode, {@code on} or {@code preview}; read by {@code forecast.ForecastAnnotations}. */
    public String forecast() {
        return forecast;
    }

    /** A PromQL expression giving the HPA's demand in replicas, instead of the default signal. */
    public String forecastQuery() {
        return forecastQuery;
    }

    /** How far ahead the forecast looks. */
    public String forecastHorizon() {
        return forecastHorizon;
    }

    /** A fixed factor over the estimate, instead of the one calibrated from the forecast's own errors. */
    public String forecastHeadroom() {
        return forecastHeadroom;
    }

    /**
     * The forecast's keys: read by their own parser, independently of the window keys, so an HPA may be
     * forecast-only.
     */
    public List<String> forecastKeys() {
        return forecastKeys;
    }

    /** The spike guard's mode, {@code on} or {@code preview}; its presence turns the guard on for the HPA. */
    public String spike() {
        return spike;
    }

    /** The velocity that triggers the spike guard (replicas per minute, or a percentage of the demand). */
    public String spikeVelocity() {
        return spikeVelocity;
    }

    /** The acceleration that triggers the spike guard (replicas per minute per minute, or a percentage). */
    public String spikeAcceleration() {
        return spikeAcceleration;
    }

    /** How far ahead the spike floor extrapolates the demand. */
    public String spikeLookahead() {
        return spikeLookahead;
    }

    /** How long both spike signals stay below their thresholds before a spike ends. */
    public String spikeHold() {
        return spikeHold;
    }

    /** The spike guard's keys, read by their own parser ({@code spike.SpikeAnnotations}); any makes an HPA prescaled. */
    public List<String> spikeKeys() {
        return spikeKeys;
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

    /** Every key of ours: the team's window keys, the event keys and the keys of each demand floor. */
    public List<String> allKeys() {
        return allKeys;
    }

    /**
     * Whether the key is under the prefix ({@code <prefix>.<anything>}), ours or not: an object without such a key
     * is neither prescaled nor worth a hint, which every admission asks first.
     */
    public boolean isUnderPrefix(String key) {
        return key != null
                && key.length() > prefix.length()
                && key.charAt(prefix.length()) == '.'
                && key.startsWith(prefix);
    }

    /** Whether the key is one of {@link #allKeys()}. */
    public boolean isOurs(String key) {
        return allKeySet.contains(key);
    }

    /** Whether any of {@code keys} is set in {@code annotations}; a loop, as it runs for every object read. */
    public static boolean anyIn(List<String> keys, Map<String, String> annotations) {
        for (String key : keys) {
            if (annotations.containsKey(key)) {
                return true;
            }
        }
        return false;
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
