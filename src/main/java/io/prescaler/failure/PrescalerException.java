package io.prescaler.failure;

/**
 * A failure the project expects and can explain in one line: the message is what the user reads (after the
 * command's name), so it names the input, the value and the fix. Each kind carries its exit code; {@code cli}
 * maps them in one place. Anything that is not a {@code PrescalerException} is a defect and exits 1 with its
 * message.
 */
public abstract sealed class PrescalerException extends RuntimeException
        permits InvalidInputException, ClusterException, UsageException {

    protected PrescalerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The process exit code for this failure: {@link ExitCode#FAILED} or {@link ExitCode#USAGE}. */
    public abstract int exitCode();
}
