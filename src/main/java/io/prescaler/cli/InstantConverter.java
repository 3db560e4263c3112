package io.prescaler.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** An instant as RFC 3339 with an offset ({@code 2026-05-30T20:00:00+02:00}) or epoch seconds. */
public final class InstantConverter implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        String text = value.strip();
        if (text.matches("\\d{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is neither RFC 3339 with an offset (2026-05-30T20:00:00+02:00) nor epoch seconds");
        }
    }
}
