package io.prescaler.cli;

import io.prescaler.failure.ExitCode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command line picocli cannot parse (an unknown flag, a bad flag value) prints one line saying what is wrong and
 * a hint to {@code --help}, not the whole usage, and exits 2. A bad value that came from an environment variable
 * names the variable: in a pod the flag is nowhere to be seen, and a crash loop must say which setting to fix. A
 * missing command still prints the usage: the list of commands is what was asked for.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    private static final String INVALID_VALUE_PREFIX = "^Invalid value for option '[^']+': ";

    private final Map<String, String> environment;

    UsageErrorHandler(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String command = commandLine.getCommandName();
        Optional<String> variable = variableThatGave(ex, args);
        if (variable.isPresent()) {
            String name = variable.get();
            err.println(command + ": environment variable " + name + "=" + environment.get(name) + ": "
                    + ex.getMessage().replaceFirst(INVALID_VALUE_PREFIX, "") + "; fix or unset " + name
                    + " (in a pod: the container's env or the ConfigMap it is read from)");
        } else if (ex.getArgSpec() == null
                && !(ex instanceof CommandLine.UnmatchedArgumentException)
                && !commandLine.getSubcommands().isEmpty()) {
            err.println(command + ": " + ex.getMessage());
            commandLine.usage(err);
        } else {
            err.println(command + ": " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the flags.");
        }
        err.flush();
        return ExitCode.USAGE;
    }

    /** The variable a bad option value came from: the option is set in the environment and not on the line. */
    private Optional<String> variableThatGave(CommandLine.ParameterException ex, String[] args) {
        if (!(ex.getArgSpec() instanceof OptionSpec option)) {
            return Optional.empty();
        }
        String variable = EnvironmentDefaults.variableFor(option);
        String value = environment.get(variable);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        boolean onTheLine = Arrays.stream(args).anyMatch(arg -> Arrays.stream(option.names())
                .anyMatch(name -> arg.equals(name) || arg.startsWith(name + "=")));
        return onTheLine ? Optional.empty() : Optional.of(variable);
    }
}
