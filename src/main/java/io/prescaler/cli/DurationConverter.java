package io.prescaler.cli;

import io.prescaler.schedule.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Durations as operators write them; the rules live in {@link Durations}, shared with the events file. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

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
}
