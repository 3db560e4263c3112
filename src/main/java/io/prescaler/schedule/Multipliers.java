package io.prescaler.schedule;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Event multipliers as they are written in the {@code event.multiplier} annotation and in the events file: a plain
 * decimal from {@link #MIN} to {@link #MAX} with at most {@link #MAX_DECIMALS} decimals.
 *
 * <p>Why so strict: a {@link BigDecimal} accepts {@code 1e-999999999}, whose arithmetic then costs seconds, gigabytes
 * or an overflow in every scrape and every admission. The text is checked by length and shape, in time linear in its
 * length, before any {@link BigDecimal} is built; the value that comes out keeps every later product small.
 */
public final class Multipliers {

    public static final BigDecimal MIN = new BigDecimal("0.01");
    public static final BigDecimal MAX = new BigDecimal("1000");
    public static final int MAX_DECIMALS = 6;

    /** Longer than any plain decimal of the range with 6 decimals and a few leading or trailing zeros. */
    static final int MAX_LENGTH = 20;

    /** The form a multiplier takes, for messages. */
    public static final String FORM = "a multiplier is a plain decimal from 0.01 to 1000 with at most 6 decimals";

    private static final Pattern PLAIN = Pattern.compile("\\+?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern SCIENTIFIC = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)[eE][-+]?\\d+");

    private Multipliers() {}

    /**
     * The multiplier written in {@code text}, or what is wrong with it as a phrase that follows the quoted value
     * ({@code is not a number > 0}); the caller adds its example.
     */
    public static Parsed<BigDecimal> parse(String text) {
        if (text == null) {
            return Parsed.refused("is not a number > 0");
        }
        if (text.length() > MAX_LENGTH * 4) {
            return Parsed.refused("is too long (" + text.length() + " characters): " + FORM);
        }
        String value = text.trim();
        if (value.length() > MAX_LENGTH) {
            return Parsed.refused("is too long (" + value.length() + " characters): " + FORM);
        }
        if (!PLAIN.matcher(value).matches()) {
            return SCIENTIFIC.matcher(value).matches()
                    ? Parsed.refused("is not a plain decimal (no exponent): " + FORM)
                    : Parsed.refused("is not a number > 0");
        }
        BigDecimal written = new BigDecimal(value);
        BigDecimal number = written.stripTrailingZeros();
        if (number.signum() <= 0) {
            return Parsed.refused("is not a number > 0");
        }
        if (number.scale() > MAX_DECIMALS) {
            return Parsed.refused("has more than " + MAX_DECIMALS + " decimals: " + FORM);
        }
        if (number.compareTo(MIN) < 0 || number.compareTo(MAX) > 0) {
            return Parsed.refused("is out of range: " + FORM);
        }
        return Parsed.of(written);
    }

    /** Whether a multiplier built elsewhere (a record's invariant) is one {@link #parse} could have returned. */
    public static boolean isWithinBounds(BigDecimal multiplier) {
        return multiplier.compareTo(MIN) >= 0
                && multiplier.compareTo(MAX) <= 0
                && multiplier.stripTrailingZeros().scale() <= MAX_DECIMALS;
    }
}
