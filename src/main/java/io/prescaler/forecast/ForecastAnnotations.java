package io.prescaler.forecast;

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
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one parser of the forecast annotations, shared by the webhook, {@code mutate}, {@code plan}, {@code replay}
 * and the exporter. It reads them independently of the window keys (an HPA may be forecast-only, or have a window
 * and a forecast) and reports every problem at once, each naming the key, the value and what is expected.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>{@code <prefix>.forecast}: {@code on} (the forecast raises the minimum) or {@code preview} (computed and
 *       exported, never raises it); case and surrounding blanks ignored. Required as soon as any other forecast key
 *       is set, so that a stray {@code forecast.horizon} never turns a forecast on by itself. To turn the forecast
 *       off, remove the key.
 *   <li>{@code <prefix>.forecast.query}: a PromQL expression giving the demand in replicas, not blank, at most
 *       {@value #MAX_QUERY_LENGTH} characters, no control characters but tabs and line breaks. Prometheus checks
 *       the syntax when it runs it; its errors are reported per HPA.
 *   <li>{@code <prefix>.forecast.horizon}: how far ahead the forecast looks, a duration from {@link #MIN_HORIZON}
 *       to {@link #MAX_HORIZON}; when absent, the window's lead, else 15m.
 *   <li>{@code <prefix>.forecast.headroom}: a fixed factor over the estimate, a plain decimal from
 *       {@link #MIN_HEADROOM} to {@link #MAX_HEADROOM} with at most {@value #MAX_HEADROOM_DECIMALS} decimals; when
 *       absent, the headroom is calibrated from the forecast's own errors.
 * </ul>
 */
public final class ForecastAnnotations {

    public static final int MAX_QUERY_LENGTH = 2048;
    public static final Duration MIN_HORIZON = Duration.ofMinutes(1);
    public static final Duration MAX_HORIZON = Duration.ofHours(6);
    public static final BigDecimal MIN_HEADROOM = BigDecimal.ONE;
    public static final BigDecimal MAX_HEADROOM = new BigDecimal("3");
    public static final int MAX_HEADROOM_DECIMALS = 3;

    /** The horizon when neither the annotation nor a window lead says otherwise. */
    public static final Duration DEFAULT_HORIZON = Duration.ofMinutes(15);

    static final String MODE_FORM = "is not a forecast mode: use \"on\" (the forecast raises the minimum) or"
            + " \"preview\" (computed and exported, never raises it); to turn the forecast off, remove the key";
    static final String HORIZON_FORM = "a horizon is how far ahead the forecast looks, a duration from 1m to 6h"
            + " (for example \"15m\" or \"1h\")";
    static final String HEADROOM_FORM = "a headroom is a plain decimal from 1 to 3 with at most 3 decimals"
            + " (for example \"1.2\"); remove the key to calibrate it from the forecast's own errors";

    private static final Pattern HEADROOM = Pattern.compile("\\+?\\d{1,3}(\\.\\d{0,9})?");

    private ForecastAnnotations() {}

    /** Reads the forecast keys under {@code keys}' prefix; the other annotations are not looked at. */
    public static ForecastReading read(AnnotationKeys keys, Map<String, String> annotations) {
        Map<String, String> values = annotations == null ? Map.of() : annotations;
        if (!AnnotationKeys.anyIn(keys.forecastKeys(), values)) {
            return new ForecastReading.NotForecast();
        }
        List<AnnotationProblem> problems = new ArrayList<>();
        Optional<ForecastMode> mode = mode(keys, values, problems);
        Optional<String> query = query(keys, values, problems);
        Optional<Duration> horizon = horizon(keys, values, problems);
        Optional<Double> headroom = headroom(keys, values, problems);
        if (!problems.isEmpty()) {
            return new ForecastReading.Invalid(problems);
        }
        return new ForecastReading.Valid(new ForecastSettings(mode.orElseThrow(), horizon, headroom, query));
    }

    private static Optional<ForecastMode> mode(
            AnnotationKeys keys, Map<String, String> values, List<AnnotationProblem> problems) {
        String raw = values.get(keys.forecast());
        if (raw == null) {
            problems.add(AnnotationProblem.missing(
                    keys.forecast(),
                    "the other forecast keys need it: set it to \"on\" or \"preview\", or remove "
                            + String.join(
                                    ", ",
                                    keys.forecastKeys().stream()
                                            .filter(values::containsKey)
                                            .toList())));
            return Optional.empty();
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "on" -> Optional.of(ForecastMode.ON);
            case "preview" -> Optional.of(ForecastMode.PREVIEW);
            default -> {
                problems.add(new AnnotationProblem(keys.forecast(), raw, MODE_FORM));
                yield Optional.empty();
            }
        };
    }

    private static Optional<String> query(
            AnnotationKeys keys, Map<String, String> values, List<AnnotationProblem> problems) {
        String raw = values.get(keys.forecastQuery());
        if (raw == null) {
            return Optional.empty();
        }
        String why = null;
        if (raw.length() > MAX_QUERY_LENGTH) {
            why = "is too long (" + raw.length() + " characters): a query is at most " + MAX_QUERY_LENGTH
                    + " characters";
        } else if (raw.isBlank()) {
            why = "is empty: a query is a PromQL expression giving the demand in replicas (for example"
                    + " \"sum(rate(http_requests_total{job=\\\"web\\\"}[2m])) / 50\"); remove the key for the default"
                    + " signal";
        } else if (raw.chars().anyMatch(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)) {
            why = "holds a control character: a query is PromQL text";
        }
        if (why != null) {
            problems.add(new AnnotationProblem(keys.forecastQuery(), raw, why));
            return Optional.empty();
        }
        return Optional.of(raw.trim());
    }

    private static Optional<Duration> horizon(
            AnnotationKeys keys, Map<String, String> values, List<AnnotationProblem> problems) {
        String raw = values.get(keys.forecastHorizon());
        if (raw == null) {
            return Optional.empty();
        }
        Parsed<Duration> read = Durations.read(raw);
        String why;
        if (read instanceof Parsed.Refused<Duration> refused) {
            String text = raw.trim();
            if (text.startsWith("-") && Durations.parse(text.substring(1)).isPresent()) {
                why = "is negative";
            } else {
                why = refused.why().startsWith(Durations.LONGER_THAN) ? "is longer than 6h" : "is not a duration";
            }
        } else {
            Duration horizon = read.value().orElseThrow();
            if (horizon.isNegative()) {
                why = "is negative";
            } else if (horizon.compareTo(MIN_HORIZON) < 0) {
                why = "is shorter than 1m";
            } else if (horizon.compareTo(MAX_HORIZON) > 0) {
                why = "is longer than 6h";
            } else {
                return Optional.of(horizon);
            }
        }
        problems.add(new AnnotationProblem(keys.forecastHorizon(), raw, why + ": " + HORIZON_FORM));
        return Optional.empty();
    }

    private static Optional<Double> headroom(
            AnnotationKeys keys, Map<String, String> values, List<AnnotationProblem> problems) {
        String raw = values.get(keys.forecastHeadroom());
        if (raw == null) {
            return Optional.empty();
        }
        String text = raw.trim();
        String why;
        // checked by length and shape before any number is built, as the multipliers are
        if (text.length() > 16 || !HEADROOM.matcher(text).matches()) {
            why = "is not a plain decimal";
        } else {
            BigDecimal factor = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
            if (factor.compareTo(MIN_HEADROOM) < 0 || factor.compareTo(MAX_HEADROOM) > 0) {
                why = "is out of range";
            } else if (factor.stripTrailingZeros().scale() > MAX_HEADROOM_DECIMALS) {
                why = "has more than " + MAX_HEADROOM_DECIMALS + " decimals";
            } else {
                return Optional.of(factor.doubleValue());
            }
        }
        problems.add(new AnnotationProblem(keys.forecastHeadroom(), raw, why + ": " + HEADROOM_FORM));
        return Optional.empty();
    }
}
