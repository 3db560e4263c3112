package io.prescaler.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

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
            "Logs go to stderr: --log-level and --log-format (PRESCALER_LOG_LEVEL, PRESCALER_LOG_FORMAT) set them."
        },
        subcommands = {
            ExporterCommand.class,
            WebhookCommand.class,
            CertsCommand.class,
            MutateCommand.class,
            EventsCommand.class,
            PlanCommand.class,
            ReplayCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Prescaler implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            scope = ScopeType.INHERIT,
            defaultValue = "info",
            description = "trace, debug, info, warn, error or off (default: ${DEFAULT-VALUE}).")
    LogSettings.Level logLevel;

    @Option(
            names = "--log-format",
            paramLabel = "FORMAT",
            scope = ScopeType.INHERIT,
            description = "json (one JSON object per line) or text (default: json for exporter and webhook, text"
                    + " for the commands run by hand).")
    LogSettings.Format logFormat;

    public static void main(String[] args) {
        CommandLine commandLine = commandLine(System.getenv());
        commandLine.setExecutionStrategy(Prescaler::configureLoggingThenRun);
        int exitCode = commandLine.execute(args);
        LogSettings.flush();
        System.exit(exitCode);
    }

    /** Logging is configured once the flags are known, before the command runs. */
    private static int configureLoggingThenRun(CommandLine.ParseResult parsed) {
        Prescaler root = (Prescaler) parsed.commandSpec().userObject();
        String command =
                parsed.hasSubcommand() ? parsed.subcommand().commandSpec().name() : "";
        LogSettings.apply(
                root.logLevel, root.logFormat == null ? LogSettings.Format.defaultFor(command) : root.logFormat);
        return new CommandLine.RunLast().execute(parsed);
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
