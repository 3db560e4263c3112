package io.prescaler.cli;

import java.time.DateTimeException;
import java.time.LocalDate;
import picocli.CommandLine;

/** A calendar day as ISO-8601 writes it, the one form that cannot be read two ways. */
public final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a date YYYY-MM-DD (for example 2026-05-30)");
        }
    }
}
