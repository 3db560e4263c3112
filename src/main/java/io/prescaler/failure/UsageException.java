package io.prescaler.failure;

/**
 * A flag or environment variable whose value is wrong but could only be checked after parsing (flags are
 * otherwise checked by picocli converters). The message names the flag or variable, the value and the fix. Exit 2.
 */
public final class UsageException extends PrescalerException {

    public UsageException(String message) {
        super(message, null);
    }

    @Override
    public int exitCode() {
        return ExitCode.USAGE;
    }
}
