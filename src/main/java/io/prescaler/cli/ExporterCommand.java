package io.prescaler.cli;

import io.prescaler.cluster.ClusterConnection;
import io.prescaler.cluster.ClusterReader;
import io.prescaler.cluster.ConfigMapRef;
import io.prescaler.events.EventsApplyConfig;
import io.prescaler.exporter.EventsConfigMapCalendar;
import io.prescaler.exporter.ExporterConfig;
import io.prescaler.exporter.ExporterServer;
import io.prescaler.exporter.ForecastBoard;
import io.prescaler.exporter.ForecastConfig;
import io.prescaler.exporter.ForecastRefresher;
import io.prescaler.exporter.HpaCache;
import io.prescaler.failure.UsageException;
import io.prescaler.forecast.SeasonalForecaster;
import io.prescaler.history.PrometheusClient;
import io.prescaler.scaler.ScalerConfig;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.Durations;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "exporter",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Serves the prescaling metrics of every annotated HPA on /metrics (Prometheus text"
                + " format), computed from an informer cache: no API call per scrape. Also /healthz and /readyz, and"
                + " KEDA's external scaler API over gRPC (--grpc-port) for annotated ScaledObjects.")
final class ExporterCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ExporterCommand.class);

    static final int DEFAULT_PORT = 9101;

    @Mixin
    ListenOptions listen;

    @Option(
            names = "--namespace",
            paramLabel = "NAMESPACE",
            split = ",",
            description = "Watch only this namespace; repeat for several (default: all namespaces).")
    List<String> namespaces = new ArrayList<>();

    @Option(
            names = "--hpa-label",
            paramLabel = "KEY",
            split = ",",
            description = "Copy this HPA label onto every per-HPA series (e.g. project); repeatable.")
    List<String> hpaLabels = new ArrayList<>();

    @Option(
            names = "--stale-after",
            paramLabel = "DURATION",
            defaultValue = "2m",
            converter = DurationConverter.Positive.class,
            description =
                    "Report the data as stale once the HPA watch has been down this long (default: ${DEFAULT-VALUE}).")
    Duration staleAfter;

    @Mixin
    PrometheusOptions prometheus;

    @Option(
            names = "--forecast-interval",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DurationConverter.Positive.class,
            description = "Refresh the forecast of every HPA whose forecast annotation is on or preview this often,"
                    + " reading only the history Prometheus gained since the last refresh (default:"
                    + " ${DEFAULT-VALUE}).")
    Duration forecastInterval;

    @Option(
            names = "--forecast-stale-after",
            paramLabel = "DURATION",
            defaultValue = "30m",
            converter = DurationConverter.Positive.class,
            description = "Keep an HPA's last forecast this long after its last successful read from Prometheus; then"
                    + " drop it, so its minimum falls back to its window and events (default: ${DEFAULT-VALUE}).")
    Duration forecastStaleAfter;

    @Option(
            names = "--forecast-concurrency",
            paramLabel = "N",
            defaultValue = "4",
            converter = CountConverter.Positive.class,
            description = "HPAs whose history is read from Prometheus at once, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int forecastConcurrency;

    @Option(
            names = "--forecast-history",
            paramLabel = "DURATION",
            defaultValue = "28d",
            converter = DurationConverter.Positive.class,
            description = "How much demand history is read once at the first refresh of an HPA, and held per HPA"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration forecastHistory;

    @Option(
            names = "--forecast-step",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DurationConverter.Positive.class,
            description = "The resolution of the history held, whole minutes: each step keeps the highest demand"
                    + " of its span, so no peak is lost (default: ${DEFAULT-VALUE}).")
    Duration forecastStep;

    @Option(
            names = "--forecast-horizon",
            paramLabel = "DURATION",
            defaultValue = "15m",
            converter = DurationConverter.Positive.class,
            description = "How far ahead a forecast looks when neither the HPA's forecast.horizon annotation nor its"
                    + " lead says (default: ${DEFAULT-VALUE}).")
    Duration forecastHorizon;

    @Option(
            names = "--events-configmap",
            paramLabel = "[NAMESPACE/]NAME",
            converter = ConfigMapRefConverter.class,
            description = "The events ConfigMap events apply reads: the spans where an event applied to an HPA are"
                    + " left out of its forecast's learning. NAME alone is in the client's namespace (default: "
                    + EventsApplyConfig.DEFAULT_CONFIGMAP + ").")
    ConfigMapRef eventsConfigMap = ConfigMapRef.DEFAULT;

    @Option(
            names = "--events-key",
            paramLabel = "KEY",
            defaultValue = EventsApplyConfig.DEFAULT_KEY,
            description = "The ConfigMap key holding the events (default: ${DEFAULT-VALUE}).")
    String eventsKey;

    @Mixin
    KedaScalerOptions keda;

    @Mixin
    SharedOptions shared;

    @Mixin
    KubernetesOptions kubernetes;

    @Override
    public Integer call() throws InterruptedException {
        ExporterConfig config = new ExporterConfig(
                listen.port(DEFAULT_PORT),
                namespaces,
                hpaLabels,
                shared.keys(),
                shared.zone(),
                staleAfter,
                listen.address);
        ForecastConfig forecast;
        try {
            forecast = new ForecastConfig(
                    forecastInterval,
                    forecastStaleAfter,
                    forecastConcurrency,
                    forecastHistory,
                    forecastStep,
                    forecastHorizon);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Optional<PrometheusClient> history = prometheus.settings().map(PrometheusClient::new);
        ScalerConfig scaler = keda.config(listen.address);
        Clock clock = Clock.system(config.zone());
        ClusterConnection connection = kubernetes.connect();
        HpaCache cache = new HpaCache(connection.client(), config.namespaces(), clock);
        ForecastBoard board = new ForecastBoard(forecast.staleAfter());
        ExporterServer server = new ExporterServer(config, cache, clock, board);
        ForecastRefresher refresher = new ForecastRefresher(
                forecast,
                cache::hpas,
                new AnnotationParser(config.keys(), config.zone()),
                history.map(client -> client::queryRange),
                SeasonalForecaster::of,
                new EventsConfigMapCalendar(new ClusterReader(connection), eventsConfigMap, eventsKey, config.zone()),
                clock,
                board);
        cache.start();
        server.start();
        refresher.start();
        LOG.info(
                "prescaler {} exporter listening on {}:{}; API server {}; namespaces {}; timezone {}; annotation prefix {}; hpa labels {}; forecast history {}",
                VersionProvider.version(),
                config.address(),
                server.port(),
                connection.server(),
                config.allNamespaces() ? "all" : String.join(",", config.namespaces()),
                config.zone(),
                config.keys().prefix(),
                config.hpaLabels(),
                history.map(client -> client.settings().url() + " every " + Durations.format(forecast.interval())
                                + ", " + forecast.concurrency() + " at once, stale after "
                                + Durations.format(forecast.staleAfter()))
                        .orElse("none (no --prometheus-url)"));
        List<AutoCloseable> parts = new ArrayList<>(List.of(refresher, server));
        parts.addAll(keda.start(scaler, config, connection, cache, server.demandFloors(), clock));
        parts.addAll(List.of(cache, connection));
        history.ifPresent(parts::add);
        ServerLifetime.runUntilStopped(parts);
        return 0;
    }
}
