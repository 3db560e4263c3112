package io.prescaler.schedule;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them, in flags and in the events file alike: {@code 90s}, {@code 5m}, {@code 2h},
 * {@code 1h30m}, {@code 30d}, {@code 1500ms} or ISO-8601 {@code PT5M}.
 *
 * <p>Nothing here overflows: a text longer than {@link #MAX_LENGTH} characters, a number of more than
 * {@link #MAX_DIGITS} digits or a total longer than {@link #LONGEST} is not a duration, refused before any
 * arithmetic; each use then bounds the value to what makes sense for it (an event's lead, a plan's step).
 */
public final class Durations {

    public static final String EXAMPLES = "for example 90s, 5m, 1h30m, 2d or PT5M";

    /** Longer than anything this tool schedules or waits for (about ten years); also keeps every sum far from overflow. */
    public static final Duration LONGEST = Duration.ofDays(3660);

    /** How a refusal for length starts, so a caller can add what the bound is for. */
    public static final String LONGER_THAN = "is longer than ";

    static final int MAX_LENGTH = 64;
    static final int MAX_DIGITS = 12;

    private static final Pattern PART = Pattern.compile("(\\d{1," + MAX_DIGITS + "})(ms|s|m|h|d)");

    private Durations() {}

    /** The duration written in {@code text}, or empty when it is not one or is longer than {@link #LONGEST}. */
    public static Optional<Duration> parse(String text) {
        return read(text).value();
    }

    /**
     * The duration written in {@code text}, or why not: not a duration, or longer than {@link #LONGEST}. Never
     * throws, whatever the text holds.
     */
    public static Parsed<Duration> read(String text) {
        return read(text, LONGEST);
    }

    /**
     * The duration written in {@code text}, or why not: not a duration, or longer than {@code longest} (at most
     * {@link #LONGEST}), said as {@code is longer than 7d}. Never throws, whatever the text holds.
     */
    public static Parsed<Duration> read(String text, Duration longest) {
        String notADuration = "is not a duration (" + EXAMPLES + ")";
        if (text == null || text.length() > MAX_LENGTH) {
            return Parsed.refused(notADuration);
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        Optional<Duration> total = value.startsWith("p") ? iso(value) : parts(value);
        if (total.isEmpty()) {
            return Parsed.refused(notADuration);
        }
        Duration bound = longest.compareTo(LONGEST) < 0 ? longest : LONGEST;
        if (total.get().abs().compareTo(bound) > 0) {
            return Parsed.refused(LONGER_THAN + format(bound));
        }
        return Parsed.of(total.get());
    }

    private static Optional<Duration> iso(String value) {
        try {
            return Optional.of(Duration.parse(value.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException | ArithmeticException e) {
            // Duration.parse reports an overflow as a parse error: too long is not a duration either
            return Optional.empty();
        }
    }

    /** Sums {@code 1h30m}-style parts; stops as soon as the sum passes {@link #LONGEST}, so no sum overflows. */
    private static Optional<Duration> parts(String value) {
        Matcher m = PART.matcher(value);
        Duration total = Duration.ZERO;
        int at = 0;
        while (m.lookingAt()) {
            long n = Long.parseLong(m.group(1));
            Duration part =
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
            total = total.plus(part);
            if (total.compareTo(LONGEST) > 0) {
                return Optional.of(total);
            }
            at = m.end();
            m.region(at, value.length());
        }
        if (at == 0 || at != value.length()) {
            return Optional.empty();
        }
        return Optional.of(total);
    }

    /** Renders a duration the way operators write it: {@code 1h30m}, {@code 45s}, {@code 1500ms}, {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        if (duration.toMillisPart() > 0
                && duration.compareTo(Duration.ofMinutes(1)) < 0
                && duration.toNanosPart() % 1_000_000 == 0) {
            // 1500ms reads as written, better than 1s500ms
            return duration.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        long days = duration.toDays();
        if (days > 0) {
            text.append(days).append('d');
        }
        if (duration.toHoursPart() > 0) {
            text.append(duration.toHoursPart()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            text.append(duration.toSecondsPart()).append('s');
        }
        if (duration.toMillisPart() > 0) {
            text.append(duration.toMillisPart()).append("ms");
        }
        // Below a millisecond (only ISO-8601 can say it) there is no operator's form.
        return text.isEmpty() ? duration.toString() : text.toString();
    }
}
