package io.prescaler.spike;

import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationProblem;
import io.prescaler.schedule.Durations;
import io.prescaler.schedule.Parsed;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one parser of the spike guard's annotations, shared by the webhook, {@code mutate}, {@code plan}, the exporter
 * and {@code replay}: {@code <prefix>.spike} ({@code on} or {@code preview}) and the optional
 * {@code spike.velocity}, {@code spike.acceleration}, {@code spike.lookahead}, {@code spike.hold}. Read apart from
 * the window's keys: an HPA with only spike keys is valid. Reports every problem at once, each naming the key, the
 * value and what is expected.
 */
public final class SpikeAnnotations {

    /** A plain decimal, optionally a percentage: {@code 12}, {@code 2.5}, {@code 30%}. */
    private static final Pattern RATE = Pattern.compile("\\+?(\\d{1,7}(\\.\\d{1,6})?|\\.\\d{1,6})(%)?");

    /** The largest absolute threshold: far above any HPA's maxReplicas per minute. */
    static final double MAX_ABSOLUTE = 100_000;

    /** The largest relative threshold: x100 of the demand per minute. */
    static final double MAX_PERCENT = 10_000;

    private final AnnotationKeys keys;

    public SpikeAnnotations(AnnotationKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    public AnnotationKeys keys() {
        return keys;
    }

    public SpikeReading read(Map<String, String> annotations) {
        Map<String, String> values = annotations == null ? Map.of() : annotations;
        if (!AnnotationKeys.anyIn(keys.spikeKeys(), values)) {
            return new SpikeReading.Absent();
        }
        List<AnnotationProblem> problems = new ArrayList<>();
        Optional<SpikeMode> mode = mode(values, problems);
        Optional<RateThreshold> velocity = rate(
                keys.spikeVelocity(),
                "replicas per minute",
                SpikeSettings.DEFAULT_VELOCITY,
                "\"12\" or \"30%\"",
                values,
                problems);
        Optional<RateThreshold> acceleration = rate(
                keys.spikeAcceleration(),
                "replicas per minute per minute",
                SpikeSettings.DEFAULT_ACCELERATION,
                "\"5\" or \"12%\"",
                values,
                problems);
        Optional<Duration> lookahead = duration(
                keys.spikeLookahead(),
                "how far ahead the spike floor looks, a duration from 0s to 30m (for example \"2m\" or \"90s\")",
                SpikeSettings.DEFAULT_LOOKAHEAD,
                SpikeSettings.MAX_LOOKAHEAD,
                values,
                problems);
        Optional<Duration> hold = duration(
                keys.spikeHold(),
                "how long a spike holds once both signals are calm, a duration from 0s to 6h (for example \"5m\")",
                SpikeSettings.DEFAULT_HOLD,
                SpikeSettings.MAX_HOLD,
                values,
                problems);
        if (!problems.isEmpty()) {
            return new SpikeReading.Invalid(problems);
        }
        return new SpikeReading.Valid(new SpikeSettings(
                mode.orElseThrow(),
                velocity.orElseThrow(),
                acceleration.orElseThrow(),
                lookahead.orElseThrow(),
                hold.orElseThrow(),
                SpikeSettings.DEFAULT_MAX_FACTOR));
    }

    private Optional<SpikeMode> mode(Map<String, String> values, List<AnnotationProblem> problems) {
        String raw = values.get(keys.spike());
        if (raw == null) {
            problems.add(AnnotationProblem.missing(
                    keys.spike(),
                    "the spike guard's settings need " + keys.spike() + " set to \"on\" or \"preview\""
                            + " (or remove every " + keys.spike() + ".* key)"));
            return Optional.empty();
        }
        String text = raw.trim().toLowerCase(Locale.ROOT);
        for (SpikeMode mode : SpikeMode.values()) {
            if (mode.label().equals(text)) {
                return Optional.of(mode);
            }
        }
        problems.add(new AnnotationProblem(
                keys.spike(),
                raw,
                "is not a spike guard mode: \"on\" raises the minimum during a spike, \"preview\" only exports it;"
                        + " to turn the guard off, remove the key"));
        return Optional.empty();
    }

    private static Optional<RateThreshold> rate(
            String key,
            String unit,
            RateThreshold otherwise,
            String example,
            Map<String, String> values,
            List<AnnotationProblem> problems) {
        String raw = values.get(key);
        if (raw == null) {
            return Optional.of(otherwise);
        }
        String text = raw.trim();
        String expected = "a threshold in " + unit + " above 0 (up to " + (long) MAX_ABSOLUTE
                + "), or a percentage of the demand at the start of the window above 0% (up to " + (long) MAX_PERCENT
                + "%), for example " + example;
        if (text.startsWith("-")) {
            problems.add(new AnnotationProblem(key, raw, "is negative: " + expected));
            return Optional.empty();
        }
        if (!RATE.matcher(text).matches()) {
            problems.add(new AnnotationProblem(key, raw, "is not a number: " + expected));
            return Optional.empty();
        }
        boolean percent = text.endsWith("%");
        BigDecimal number =
                new BigDecimal(text.substring(text.startsWith("+") ? 1 : 0, text.length() - (percent ? 1 : 0)));
        double value = number.doubleValue();
        if (!(value > 0)) {
            problems.add(new AnnotationProblem(key, raw, "is 0, which would trigger at every sample: " + expected));
            return Optional.empty();
        }
        if (value > (percent ? MAX_PERCENT : MAX_ABSOLUTE)) {
            problems.add(new AnnotationProblem(key, raw, "is too large: " + expected));
            return Optional.empty();
        }
        return Optional.of(percent ? RateThreshold.percentOfDemand(value) : RateThreshold.absolute(value));
    }

    private static Optional<Duration> duration(
            String key,
            String expected,
            Duration otherwise,
            Duration longest,
            Map<String, String> values,
            List<AnnotationProblem> problems) {
        String raw = values.get(key);
        if (raw == null) {
            return Optional.of(otherwise);
        }
        String text = raw.trim();
        if (text.startsWith("-") && Durations.parse(text.substring(1)).isPresent()) {
            problems.add(new AnnotationProblem(key, raw, "is negative: " + expected));
            return Optional.empty();
        }
        Parsed<Duration> read = Durations.read(text);
        if (read instanceof Parsed.Refused<Duration> refused) {
            problems.add(new AnnotationProblem(
                    key,
                    raw,
                    (refused.why().startsWith(Durations.LONGER_THAN) ? "is too long" : "is not a duration") + ": "
                            + expected));
            return Optional.empty();
        }
        Duration value = read.value().orElseThrow();
        if (value.isNegative()) {
            problems.add(new AnnotationProblem(key, raw, "is negative: " + expected));
            return Optional.empty();
        }
        if (value.compareTo(longest) > 0) {
            problems.add(new AnnotationProblem(key, raw, "is too long: " + expected));
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
