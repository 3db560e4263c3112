package io.prescaler.cli;

import io.prescaler.failure.PrescalerException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * A command that fails prints one line saying what failed, not a stack trace; set --log-level debug to
 * see the trace. Bad settings found after parsing ({@link IllegalArgumentException}) are usage errors: exit 2.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        commandLine.getErr().println(commandLine.getCommandName() + ": " + message);
        if (LoggerFactory.getLogger(ErrorHandler.class).isDebugEnabled()) {
            e.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        if (e instanceof PrescalerException known) {
            return known.exitCode();
        }
        if (e instanceof IllegalArgumentException) {
            return CommandLine.ExitCode.USAGE;
        }
        return CommandLine.ExitCode.SOFTWARE;
    }
}
