package io.prescaler.cli;

import io.prescaler.cluster.ClusterConnection;
import io.prescaler.exporter.ExporterConfig;
import io.prescaler.exporter.ExporterServer;
import io.prescaler.exporter.HpaCache;
import io.prescaler.scaler.ScalerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        ScalerConfig scaler = keda.config(listen.address);
        Clock clock = Clock.system(config.zone());
        ClusterConnection connection = kubernetes.connect();
        HpaCache cache = new HpaCache(connection.client(), config.namespaces(), clock);
        ExporterServer server = new ExporterServer(config, cache, clock);
        cache.start();
        server.start();
        LOG.info(
                "prescaler {} exporter listening on {}:{}; API server {}; namespaces {}; timezone {}; annotation prefix {}; hpa labels {}",
                VersionProvider.version(),
                config.address(),
                server.port(),
                connection.server(),
                config.allNamespaces() ? "all" : String.join(",", config.namespaces()),
                config.zone(),
                config.keys().prefix(),
                config.hpaLabels());
        List<AutoCloseable> parts = new ArrayList<>(List.of(server));
        parts.addAll(keda.start(scaler, config, connection, cache, clock));
        parts.addAll(List.of(cache, connection));
        ServerLifetime.runUntilStopped(parts);
        return 0;
    }
}
