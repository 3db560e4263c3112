package io.prescaler.bench;

import io.prescaler.cli.DurationConverter;
import io.prescaler.cli.ErrorHandler;
import io.prescaler.cli.LogSettings;
import io.prescaler.cli.VersionProvider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The benchmarks' entry point, apart from the product: it runs from a checkout on the test classpath ({@code mvn
 * -Pbench package -Dbench.args="..."}), never from prescaler.jar. Default paths are resolved against the checkout,
 * which the build passes as the system property {@value #CHECKOUT} (else the current directory).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs Prescaler's benchmarks, prints a Markdown table per suite and writes <out-dir>/<suite>.json.",
            "Suites: prescale (HPA model: time to prescale, Bedrock's encoding vs prescaling_min_replicas; instant),"
                    + " exporter (scrape latency, heap and API requests per scrape for N HPAs: informer cache vs"
                    + " LIST every scrape, against fabric8's mock API server in-process), spike (the spike guard:"
                    + " microseconds per HPA status update, scrape latency with N spike-guarded HPAs), webhook (the admission work"
                    + " alone per request on one thread, then admissions/s and p50/p99 over HTTPS keep-alive vs a bare"
                    + " Javalin HTTPS endpoint, then p99 at a fixed rate),"
                    + " events (wall time of `events apply` in a child JVM, start included, for N HPAs on the mock"
                    + " API server; needs the jar), keda (GetMetrics p50/p99 of the KEDA external scaler over gRPC"
                    + " at a fixed rate for N ScaledObjects),"
                    + " forecast (the exporter's forecast refresh for N HPAs against a"
                    + " real Prometheus holding their backfilled history: time per refresh, queries per hour, memory"
                    + " per forecast HPA; needs prometheus and promtool).",
            "Every suite stops by itself and only talks to 127.0.0.1.",
            "From a checkout: mvn -Pbench package -Dbench.args=\"SUITE... [flags]\""
        },
        footer = {"", "Exit codes: 0 done, 2 unknown suite or bad flag, 1 a suite failed."})
public final class Bench implements Callable<Integer> {

    /** The system property naming the checkout the default paths are resolved against. */
    public static final String CHECKOUT = "prescaler.checkout";

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "SUITE",
            arity = "0..*",
            description =
                    "Suites to run, in order (default: all: prescale, exporter, scrape, spike, webhook, replay, events, keda, forecast).")
    List<String> suites = new ArrayList<>();

    @Option(
            names = "--out-dir",
            paramLabel = "DIR",
            defaultValue = "${sys:" + CHECKOUT + ":-.}/target/bench",
            description = "Directory for the <suite>.json files (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(
            names = "--exporter-sizes",
            paramLabel = "N",
            split = ",",
            defaultValue = "1000,10000",
            description =
                    "HPA counts for the exporter suite (default: ${DEFAULT-VALUE}). Seeding the mock API server grows"
                            + " quadratically: 10,000 HPAs take about a minute, 50,000 about 25 minutes.")
    List<Integer> exporterSizes;

    @Option(
            names = "--scrapes",
            paramLabel = "N",
            defaultValue = "200",
            description = "Scrapes measured per approach and size at most (default: ${DEFAULT-VALUE}).")
    int scrapes;

    @Option(
            names = "--scrape-budget",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Time spent scraping per approach and size at most; 5 scrapes are always measured"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration scrapeBudget;

    @Option(
            names = "--admission-review",
            paramLabel = "FILE",
            defaultValue = "${sys:" + CHECKOUT + ":-.}/webhook/samples/create-hpa.json",
            description = "AdmissionReview the webhook suite sends; it must get a patch (default: ${DEFAULT-VALUE}).")
    Path admissionReview;

    @Option(
            names = "--webhook-connections",
            paramLabel = "N",
            split = ",",
            defaultValue = "8,32",
            description = "Concurrent keep-alive connections of the webhook suite's closed-loop runs (default:"
                    + " ${DEFAULT-VALUE}).")
    List<Integer> webhookConnections;

    @Option(
            names = "--webhook-duration",
            paramLabel = "DURATION",
            defaultValue = "6s",
            converter = DurationConverter.class,
            description = "Closed-loop measuring time per endpoint and connection count (default: ${DEFAULT-VALUE}).")
    Duration webhookDuration;

    @Option(
            names = "--webhook-warm-up",
            paramLabel = "DURATION",
            defaultValue = "20s",
            converter = DurationConverter.class,
            description = "Closed-loop time per endpoint before measuring, so that the JIT has compiled the"
                    + " admission path (default: ${DEFAULT-VALUE}).")
    Duration webhookWarmUp;

    @Option(
            names = "--webhook-rate",
            paramLabel = "PER_SECOND",
            defaultValue = "500",
            description = "Request rate of the webhook suite's fixed-rate run (default: ${DEFAULT-VALUE}).")
    int webhookRate;

    @Option(
            names = "--webhook-rate-duration",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How long the fixed rate is held, per endpoint (default: ${DEFAULT-VALUE}).")
    Duration webhookRateDuration;

    @Option(
            names = "--events-sizes",
            paramLabel = "N",
            split = ",",
            defaultValue = "1000,5000",
            description = "HPA counts for the events suite (default: ${DEFAULT-VALUE}).")
    List<Integer> eventsSizes;

    @Option(
            names = "--jar",
            paramLabel = "FILE",
            defaultValue = "${sys:" + CHECKOUT + ":-.}/target/prescaler.jar",
            description = "Prescaler jar the events suite runs in child JVMs (default: ${DEFAULT-VALUE}, which the"
                    + " bench profile builds first).")
    Path jar;

    @Option(
            names = "--events-jvm-options",
            paramLabel = "OPTIONS",
            defaultValue = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
            description = "Options of the events suite's child JVM, space-separated (default: the CronJob's"
                    + " JAVA_TOOL_OPTIONS, ${DEFAULT-VALUE}).")
    String eventsJvmOptions;

    @Option(
            names = "--keda-sizes",
            paramLabel = "N",
            split = ",",
            defaultValue = "1000",
            description = "ScaledObject counts for the keda suite (default: ${DEFAULT-VALUE}).")
    List<Integer> kedaSizes;

    @Option(
            names = "--keda-rate",
            paramLabel = "PER_SECOND",
            defaultValue = "100",
            description = "GetMetrics calls per second of the keda suite (default: ${DEFAULT-VALUE}).")
    int kedaRate;

    @Option(
            names = "--keda-duration",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description =
                    "How long the keda suite holds its rate, after a warm-up of 20 s (default:" + " ${DEFAULT-VALUE}).")
    Duration kedaDuration;

    @Option(
            names = "--forecast-sizes",
            paramLabel = "N",
            split = ",",
            defaultValue = "1000",
            description = "Forecast HPA counts for the forecast suite (default: ${DEFAULT-VALUE}).")
    List<Integer> forecastSizes;

    @Option(
            names = "--forecast-days",
            paramLabel = "DAYS",
            defaultValue = "14",
            description = "Days of 5-minute demand history backfilled per HPA into the forecast suite's Prometheus"
                    + " (default: ${DEFAULT-VALUE}).")
    int forecastDays;

    @Option(
            names = "--forecast-concurrency",
            paramLabel = "N",
            defaultValue = "4",
            description = "The exporter's --forecast-concurrency in the forecast suite (default: ${DEFAULT-VALUE}).")
    int forecastConcurrency;

    public static void main(String[] args) {
        String level = System.getenv().getOrDefault("PRESCALER_LOG_LEVEL", "info");
        LogSettings.apply(
                java.util.Arrays.stream(LogSettings.Level.values())
                        .filter(l -> l.name().equalsIgnoreCase(level))
                        .findFirst()
                        .orElse(LogSettings.Level.INFO),
                LogSettings.Format.TEXT);
        int code = commandLine().execute(args);
        LogSettings.flush();
        System.exit(code);
    }

    static CommandLine commandLine() {
        return new CommandLine(new Bench()).setExecutionExceptionHandler(new ErrorHandler());
    }

    @Override
    public Integer call() throws Exception {
        BenchSettings settings = new BenchSettings(
                suites,
                outDir,
                exporterSizes,
                scrapes,
                scrapeBudget,
                new BenchSettings.Webhook(
                        admissionReview,
                        webhookConnections,
                        webhookDuration,
                        webhookWarmUp,
                        webhookRate,
                        webhookRateDuration),
                new BenchSettings.Events(
                        eventsSizes,
                        jar,
                        eventsJvmOptions.isBlank()
                                ? List.of()
                                : List.of(eventsJvmOptions.trim().split("\\s+"))),
                new BenchSettings.Keda(kedaSizes, kedaRate, kedaDuration, Duration.ofSeconds(20)),
                new BenchSettings.Forecast(forecastSizes, forecastDays, forecastConcurrency));
        List<BenchSuite> selected = BenchSuites.select(settings);
        // Not a static field: the logger must be created after main has applied the log settings.
        Logger log = LoggerFactory.getLogger(Bench.class);
        log.info(
                "prescaler {} bench: suites {}; output {}",
                VersionProvider.version(),
                selected.stream().map(BenchSuite::name).toList(),
                settings.outDir().toAbsolutePath().normalize());
        PrintWriter out = spec.commandLine().getOut();
        new BenchRunner(settings.outDir(), out, Clock.systemUTC()).run(selected);
        return 0;
    }
}
