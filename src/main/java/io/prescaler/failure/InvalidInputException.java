package io.prescaler.failure;

/**
 * Input data the command cannot use: a manifest, an events file, an annotation. The message starts with where
 * (file, document, line) and says what is wrong. Exit 1: the command line was right, the data was not.
 */
public final class InvalidInputException extends PrescalerException {

    public InvalidInputException(String message) {
        super(message, null);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return ExitCode.FAILED;
    }
}
