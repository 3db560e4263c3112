package io.prescaler.schedule;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one parser of the prescaling annotations, shared by the webhook, the exporter, {@code mutate}, {@code plan}
 * and {@code events apply}. It reports every problem at once, each naming the key, the value and what is expected.
 */
public final class AnnotationParser {

    /** What a lead is, ending every refusal of one. */
    static final String LEAD_FORM = "a lead is how long before time.start the window opens, a duration from 0s to"
            + " under 24h (for example \"10m\", \"90s\" or \"1h\")";

    /** The hints given at most for one object. */
    static final int MAX_HINTS = 5;

    private final AnnotationKeys keys;
    private final ZoneId defaultZone;

    public AnnotationParser(AnnotationKeys keys, ZoneId defaultZone) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
    }

    public AnnotationKeys keys() {
        return keys;
    }

    public ZoneId defaultZone() {
        return defaultZone;
    }

    public AnnotationReading read(Map<String, String> annotations) {
        Map<String, String> values = annotations == null ? Map.of() : annotations;
        if (!AnnotationKeys.anyIn(keys.userKeys(), values)) {
            return new AnnotationReading.NotPrescaled();
        }
        List<AnnotationProblem> problems = new ArrayList<>();
        for (String key : keys.required()) {
            if (!values.containsKey(key)) {
                problems.add(AnnotationProblem.missing(
                        key,
                        "the annotations " + String.join(", ", keys.required())
                                + " go together; set all three or none"));
            }
        }
        Optional<Integer> min = minReplicas(values, problems);
        Optional<LocalTime> start = timeOfDay(keys.start(), values, problems);
        Optional<LocalTime> end = timeOfDay(keys.end(), values, problems);
        if (start.isPresent() && end.isPresent() && start.get().equals(end.get())) {
            problems.add(new AnnotationProblem(
                    keys.end(),
                    values.get(keys.end()),
                    "equals " + keys.start() + "; a window needs an end different from its start"
                            + " (an end before the start crosses midnight)"));
        }
        Optional<Days> days = days(values, problems);
        Optional<ZoneId> zone = zone(values, problems);
        Optional<Duration> lead = lead(values, problems, start, end);
        Optional<EventMultiplier> event = event(values, problems);
        if (!problems.isEmpty()) {
            return new AnnotationReading.Invalid(problems);
        }
        PrescalingWindow window =
                new PrescalingWindow(start.get(), end.get(), days.get(), zone.get(), lead.orElseThrow());
        return new AnnotationReading.Valid(new PrescalingSpec(min.get(), window, event));
    }

    private Optional<Integer> minReplicas(Map<String, String> values, List<AnnotationProblem> problems) {
        String raw = values.get(keys.minReplicas());
        if (raw == null) {
            return Optional.empty();
        }
        int n = wholeNumber(raw.trim());
        if (n >= 1) {
            return Optional.of(n);
        }
        problems.add(new AnnotationProblem(
                keys.minReplicas(), raw, "is not a whole number of replicas >= 1 (for example \"25\")"));
        return Optional.empty();
    }

    private static Optional<LocalTime> timeOfDay(
            String key, Map<String, String> values, List<AnnotationProblem> problems) {
        String raw = values.get(key);
        if (raw == null) {
            return Optional.empty();
        }
        LocalTime time = timeOfDay(raw.trim());
        if (time == null) {
            problems.add(new AnnotationProblem(
                    key, raw, "is not a time of day (HH:mm or HH:mm:ss, 24-hour, for example \"19:30\")"));
            return Optional.empty();
        }
        return Optional.of(time);
    }

    // The two readers below are written out rather than regular expressions: the webhook reads a minimum and two
    // times per admission, the exporter per HPA, and a matcher costs more than the check. AnnotationParserTest
    // holds them to the expressions they replace, ([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))? and \+?\d{1,9}.

    /** HH:mm or HH:mm:ss, 24-hour, the hour on one or two digits; null for anything else. */
    static LocalTime timeOfDay(String text) {
        int colon = text.indexOf(':');
        if (colon < 1 || colon > 2 || text.length() < colon + 3) {
            return null;
        }
        int hour = 0;
        for (int i = 0; i < colon; i++) {
            int digit = digit(text.charAt(i));
            if (digit < 0) {
                return null;
            }
            hour = hour * 10 + digit;
        }
        int minute = sexagesimal(text, colon + 1);
        if (hour > 23 || minute < 0) {
            return null;
        }
        if (text.length() == colon + 3) {
            return LocalTime.of(hour, minute);
        }
        if (text.length() != colon + 6 || text.charAt(colon + 3) != ':') {
            return null;
        }
        int second = sexagesimal(text, colon + 4);
        return second < 0 ? null : LocalTime.of(hour, minute, second);
    }

    /** Up to nine ASCII digits after an optional '+', as a number; -1 for anything else. */
    static int wholeNumber(String text) {
        int start = !text.isEmpty() && text.charAt(0) == '+' ? 1 : 0;
        int digits = text.length() - start;
        if (digits < 1 || digits > 9) {
            return -1;
        }
        int n = 0;
        for (int i = start; i < text.length(); i++) {
            int digit = digit(text.charAt(i));
            if (digit < 0) {
                return -1;
            }
            n = n * 10 + digit;
        }
        return n;
    }

    /** Two digits from 00 to 59 at {@code at}, as a number; -1 for anything else. */
    private static int sexagesimal(String text, int at) {
        int tens = digit(text.charAt(at));
        int units = digit(text.charAt(at + 1));
        return tens < 0 || tens > 5 || units < 0 ? -1 : tens * 10 + units;
    }

    private static int digit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }

    private Optional<Days> days(Map<String, String> values, List<AnnotationProblem> problems) {
        String raw = values.get(keys.days());
        if (raw == null) {
            return Optional.of(Days.EVERY_DAY);
        }
        Optional<Days> days = Days.parse(raw);
        if (days.isEmpty()) {
            problems.add(new AnnotationProblem(
                    keys.days(),
                    raw,
                    "is not a list of days of the week (Mon..Sun, comma-separated, ranges allowed,"
                            + " for example \"Mon-Fri\" or \"Sat,Sun\")"));
        }
        return days;
    }

    private Optional<ZoneId> zone(Map<String, String> values, List<AnnotationProblem> problems) {
        String raw = values.get(keys.timezone());
        if (raw == null) {
            return Optional.of(defaultZone);
        }
        try {
            return Optional.of(ZoneId.of(raw.trim()));
        } catch (DateTimeException e) {
            problems.add(new AnnotationProblem(
                    keys.timezone(), raw, "is not an IANA time zone (for example \"Europe/Paris\")"));
            return Optional.empty();
        }
    }

    /**
     * The lead, zero when absent. Under a day, and short enough that the window does not cover the whole day (lead +
     * window under 24h), which is checked only when start and end are valid.
     */
    private Optional<Duration> lead(
            Map<String, String> values,
            List<AnnotationProblem> problems,
            Optional<LocalTime> start,
            Optional<LocalTime> end) {
        String raw = values.get(keys.lead());
        if (raw == null) {
            return Optional.of(Duration.ZERO);
        }
        Optional<String> why = leadRefusal(raw, start, end);
        if (why.isPresent()) {
            problems.add(new AnnotationProblem(keys.lead(), raw, why.get() + ": " + LEAD_FORM));
            return Optional.empty();
        }
        return Durations.parse(raw);
    }

    /** Why the text is no lead for a window from start to end, in the words that follow the quoted value. */
    private static Optional<String> leadRefusal(String raw, Optional<LocalTime> start, Optional<LocalTime> end) {
        Parsed<Duration> read = Durations.read(raw);
        if (read instanceof Parsed.Refused<Duration> refused) {
            String text = raw.trim();
            if (text.startsWith("-") && Durations.parse(text.substring(1)).isPresent()) {
                return Optional.of("is negative");
            }
            return Optional.of(
                    refused.why().startsWith(Durations.LONGER_THAN)
                            ? "is not shorter than a day"
                            : "is not a duration");
        }
        Duration lead = read.value().orElseThrow();
        if (lead.isNegative()) {
            return Optional.of("is negative");
        }
        if (lead.compareTo(PrescalingWindow.DAY) >= 0) {
            return Optional.of("is not shorter than a day");
        }
        if (start.isEmpty() || end.isEmpty() || start.get().equals(end.get())) {
            return Optional.empty();
        }
        Duration window = PrescalingWindow.length(start.get(), end.get());
        if (lead.plus(window).compareTo(PrescalingWindow.DAY) >= 0) {
            // a window open around the clock would never let the HPA scale in: refused rather than explained
            return Optional.of("with the " + Durations.format(window) + " window from " + start.get() + " to "
                    + end.get() + " covers the whole day (lead + window must be under 24h, so here a lead under "
                    + Durations.format(PrescalingWindow.DAY.minus(window)) + ")");
        }
        return Optional.empty();
    }

    private Optional<EventMultiplier> event(Map<String, String> values, List<AnnotationProblem> problems) {
        String rawMultiplier = values.get(keys.eventMultiplier());
        String rawEnd = values.get(keys.eventEnd());
        Optional<Instant> end = Optional.empty();
        boolean endValid = true;
        if (rawEnd != null) {
            try {
                end = Optional.of(Instant.parse(rawEnd.trim()));
            } catch (DateTimeParseException e) {
                endValid = false;
                problems.add(new AnnotationProblem(
                        keys.eventEnd(), rawEnd, "is not an ISO-8601 instant (for example \"2026-07-14T23:00:00Z\")"));
            }
        }
        if (rawMultiplier == null) {
            return Optional.empty();
        }
        Parsed<BigDecimal> factor = Multipliers.parse(rawMultiplier);
        if (factor instanceof Parsed.Refused<BigDecimal> refused) {
            problems.add(new AnnotationProblem(
                    keys.eventMultiplier(), rawMultiplier, refused.why() + " (for example \"3\" or \"1.5\")"));
            return Optional.empty();
        }
        if (!endValid) {
            return Optional.empty();
        }
        return Optional.of(new EventMultiplier(factor.value().orElseThrow(), values.get(keys.eventName()), end));
    }

    /**
     * Hints about keys under the prefix that are none of ours ({@code annotations.scaling.exporter.start}): each
     * named with the closest key, since such a key is ignored and the window it was meant for never opens. Not a
     * problem: the annotations are read without it, and the webhook, {@code mutate} and {@code plan} show these as
     * warnings, in these words.
     */
    public List<String> hints(Map<String, String> annotations) {
        if (annotations == null || annotations.isEmpty()) {
            return List.of();
        }
        // Most objects carry no unknown key: found in one pass, without sorting anything.
        List<String> unknown = null;
        for (String key : annotations.keySet()) {
            if (keys.isUnderPrefix(key) && !keys.isOurs(key)) {
                if (unknown == null) {
                    unknown = new ArrayList<>();
                }
                unknown.add(key);
            }
        }
        if (unknown == null) {
            return List.of();
        }
        unknown.sort(null);
        // An object may carry thousands of keys: a few hints say it, and keep an admission's answer small.
        List<String> hints = new ArrayList<>();
        for (String key : unknown.subList(0, Math.min(unknown.size(), MAX_HINTS))) {
            hints.add(ClosestKey.hint(key, keys));
        }
        if (unknown.size() > MAX_HINTS) {
            hints.add((unknown.size() - MAX_HINTS) + " more keys under " + keys.prefix()
                    + " are not prescaling annotations and are ignored");
        }
        return hints;
    }
}
