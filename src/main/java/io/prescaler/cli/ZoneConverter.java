package io.prescaler.cli;

import java.time.DateTimeException;
import java.time.ZoneId;
import picocli.CommandLine;

/** An IANA zone id; an empty value (an unset JVM zone) means the system default. */
public final class ZoneConverter implements CommandLine.ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
        if (value == null || value.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not an IANA time zone (for example Europe/Paris)");
        }
    }
}
