package io.prescaler.cli;

import io.prescaler.failure.ExitCode;
import io.prescaler.failure.PrescalerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * A command that fails prints one line saying what failed, not a stack trace; set --log-level debug
 * (PRESCALER_LOG_LEVEL=debug) to see the trace. The exit code is the failure's own ({@link PrescalerException#exitCode()}: 1 for bad input data or
 * a cluster that cannot be reached or refuses, 2 for a usage error found after parsing); anything else is a failure
 * the project did not expect, exit 1. Flag values are checked while parsing, by picocli converters, and reported by
 * {@link UsageErrorHandler}.
 */
public final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        commandLine.getErr().println(commandLine.getCommandName() + ": " + message);
        commandLine.getErr().flush();
        LOG.debug("{} failed", commandLine.getCommandSpec().qualifiedName(), e);
        if (e instanceof PrescalerException known) {
            return known.exitCode();
        }
        return ExitCode.FAILED;
    }
}
