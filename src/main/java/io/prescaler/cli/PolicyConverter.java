package io.prescaler.cli;

import io.prescaler.replay.Policy;
import picocli.CommandLine;

/** A replay policy: {@code reactive} or Prescaler's floors joined by {@code +}. */
public final class PolicyConverter implements CommandLine.ITypeConverter<Policy> {
    @Override
    public Policy convert(String value) {
        try {
            return Policy.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
