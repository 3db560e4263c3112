package io.prescaler.cli;

import io.prescaler.schedule.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Durations as operators write them; the rules live in {@link Durations}, shared with the events file. */
public class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    public static Duration parse(String text) {
        return Durations.parse(text).orElseThrow(() -> new IllegalArgumentException(invalid(text)));
    }

    private static String invalid(String text) {
        return "'" + text + "' is not a duration (" + Durations.EXAMPLES + ")";
    }

    @Override
    public Duration convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** A duration longer than zero: a timeout, an interval, a step. */
    public static final class Positive extends DurationConverter {
        @Override
        public Duration convert(String value) {
            Duration duration = super.convert(value);
            if (duration.isZero() || duration.isNegative()) {
                throw new CommandLine.TypeConversionException("'" + value + "' must be longer than zero");
            }
            return duration;
        }
    }

    /** Zero or more whole seconds: what the HPA model steps in. */
    public static final class WholeSeconds extends DurationConverter {
        @Override
        public Duration convert(String value) {
            Duration duration = super.convert(value);
            if (duration.isNegative() || duration.toNanos() % 1_000_000_000L != 0) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a whole number of seconds >= 0 (for example 30s or 1m)");
            }
            return duration;
        }
    }
}
