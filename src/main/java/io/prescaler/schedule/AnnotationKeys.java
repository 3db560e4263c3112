package io.prescaler.schedule;

import java.util.ArrayList;
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

    /** The forecast's mode, {@code on} or {@code preview}; read by {@code forecast.ForecastAnnotations}. */
    public String forecast() {
        return prefix + ".forecast";
    }

    /** A PromQL expression giving the HPA's demand in replicas, instead of the default signal. */
    public String forecastQuery() {
        return prefix + ".forecast.query";
    }

    /** How far ahead the forecast looks. */
    public String forecastHorizon() {
        return prefix + ".forecast.horizon";
    }

    /** A fixed factor over the estimate, instead of the one calibrated from the forecast's own errors. */
    public String forecastHeadroom() {
        return prefix + ".forecast.headroom";
    }

    /**
     * The forecast's keys: read by their own parser, independently of the window keys, so an HPA may be
     * forecast-only.
     */
    public List<String> forecastKeys() {
        return List.of(forecast(), forecastQuery(), forecastHorizon(), forecastHeadroom());
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

    /** Every key of ours: the team's window keys, the event keys and the keys of each demand floor. */
    public List<String> allKeys() {
        List<String> all = new ArrayList<>(List.of(
                minReplicas(), start(), end(), days(), timezone(), lead(), eventMultiplier(), eventName(), eventEnd()));
        all.addAll(forecastKeys());
        return List.copyOf(all);
    }
}
