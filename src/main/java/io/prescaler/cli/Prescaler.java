package io.prescaler.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: {@code java -jar prescaler.jar COMMAND [flags]}. */
@Command(
        name = "prescaler",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Raises the minimum of selected HorizontalPodAutoscalers ahead of predictable traffic spikes.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {
            "",
            "Every flag falls back to an environment variable: --some-flag reads PRESCALER_SOME_FLAG.",
            "PRESCALER_LOG_LEVEL (trace, debug, info, warn, error) sets the log level; logs go to stderr."
        },
        subcommands = {
            ExporterCommand.class,
            WebhookCommand.class,
            CertsCommand.class,
            MutateCommand.class,
            EventsCommand.class,
            PlanCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Prescaler implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        LogSettings.apply(System.getenv());
        System.exit(run(System.getenv(), args));
    }

    /**
     * Runs a command line with the given environment, returning the exit code: 0 done, 1 failed (bad input data,
     * the cluster unreachable or refusing, some items not processed), 2 usage error (unknown flag, bad flag value).
     */
    public static int run(Map<String, String> environment, String... args) {
        return commandLine(environment).execute(args);
    }

    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new Prescaler());
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler(environment));
        return commandLine;
    }

    public static CommandLine commandLine(Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = commandLine(environment);
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine;
    }

    @Override
    public void run() {
        // No command given: show what there is, as a usage error.
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
    }
}
