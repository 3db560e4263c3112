package io.prescaler.cli;

import io.prescaler.cluster.ClusterConnection;
import io.prescaler.cluster.ConfigMapRef;
import io.prescaler.events.ApplyReport;
import io.prescaler.events.EventsApplier;
import io.prescaler.events.EventsApplyConfig;
import io.prescaler.schedule.LocalTimes;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Special events: the multipliers of the events ConfigMap, applied to the prescaled HPAs.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {EventsCommand.Apply.class})
final class EventsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command (apply).");
    }

    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Reads the events ConfigMap, decides which event applies to each prescaled HPA now, and patches the"
                        + " event annotations (multiplier, name, end) of the HPAs that differ; removes them when no"
                        + " event applies. Meant to run every minute as a CronJob; idempotent.",
                "Exit status: 0 when everything was applied; 1 when an HPA could not be patched, an event entry is"
                        + " invalid (the valid ones are still applied, HPAs carrying its name are left as they are),"
                        + " or the ConfigMap or its events file cannot be read (then no HPA is touched); 2 for bad"
                        + " flags."
            })
    static final class Apply implements Callable<Integer> {

        private static final Logger LOG = LoggerFactory.getLogger(Apply.class);

        @Option(
                names = "--configmap",
                paramLabel = "[NAMESPACE/]NAME",
                converter = ConfigMapRefConverter.class,
                description = "The events ConfigMap: NAME alone is in the client's namespace (in a pod, the pod's own"
                        + " namespace, so the install can be renamed), NAMESPACE/NAME anywhere (default: "
                        + EventsApplyConfig.DEFAULT_CONFIGMAP + ").")
        ConfigMapRef configMap = ConfigMapRef.DEFAULT;

        @Option(
                names = "--key",
                paramLabel = "KEY",
                defaultValue = EventsApplyConfig.DEFAULT_KEY,
                description = "The ConfigMap key holding the events (default: ${DEFAULT-VALUE}).")
        String key;

        @Option(
                names = "--now",
                paramLabel = "TIME",
                converter = NowConverter.class,
                description = "Decide as if it were this time: an ISO-8601 instant (2026-05-30T19:00:00Z), with an"
                        + " offset (2026-05-30T21:00+02:00) or local in --timezone (2026-05-30T21:00)"
                        + " (default: the clock).")
        String now;

        @Option(
                names = "--dry-run",
                description = "Print the changes it would make, write nothing (no patch, no Kubernetes Event).")
        boolean dryRun;

        @Option(
                names = "--parallelism",
                paramLabel = "N",
                defaultValue = "8",
                converter = CountConverter.Positive.class,
                description = "HPA patches sent at once (default: ${DEFAULT-VALUE}).")
        int parallelism;

        @Option(
                names = "--scaled-objects",
                description = "Also select and annotate KEDA ScaledObjects (keda.sh/v1alpha1), whose annotations"
                        + " prescale the HPAs KEDA builds; needs list and patch on scaledobjects.keda.sh (the keda"
                        + " install component grants them and sets this flag).")
        boolean scaledObjects;

        @Mixin
        SharedOptions shared;

        @Mixin
        KubernetesOptions kubernetes;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ZoneId zone = shared.zone();
            Instant instant = now == null ? Clock.system(zone).instant() : parseNow(now, zone);
            try (ClusterConnection connection = kubernetes.connect()) {
                ConfigMapRef where = configMap.in(connection.namespace());
                EventsApplyConfig config = new EventsApplyConfig(
                        where.namespace(), where.name(), key, shared.keys(), zone, dryRun, parallelism, scaledObjects);
                LOG.info(
                        "prescaler {} events apply: ConfigMap {} key {}; API server {}; now {}; timezone {};"
                                + " annotation prefix {}{}{}",
                        VersionProvider.version(),
                        config.configMap(),
                        config.key(),
                        connection.server(),
                        instant,
                        zone,
                        config.keys().prefix(),
                        dryRun ? "; dry run" : "",
                        scaledObjects ? "; ScaledObjects too" : "");
                ApplyReport report = new EventsApplier(connection, config).apply(instant);
                PrintWriter out = spec.commandLine().getOut();
                if (dryRun) {
                    report.changes().forEach(change -> out.println("would patch " + change));
                }
                out.println(report.summary());
                out.flush();
                return report.succeeded() ? 0 : 1;
            }
        }

        /** Checks the form of {@code --now} while parsing; the zone of a local time is applied later. */
        static final class NowConverter implements CommandLine.ITypeConverter<String> {
            @Override
            public String convert(String value) {
                try {
                    parseNow(value, ZoneOffset.UTC);
                    return value;
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.TypeConversionException(e.getMessage());
                }
            }
        }

        static Instant parseNow(String text, ZoneId zone) {
            String value = text.trim();
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeException e) {
                // not with an offset: try local
            }
            try {
                return LocalTimes.resolve(LocalDateTime.parse(value), zone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 time (for example"
                        + " 2026-05-30T19:00:00Z, 2026-05-30T21:00+02:00 or 2026-05-30T21:00 in --timezone)");
            }
        }
    }
}
