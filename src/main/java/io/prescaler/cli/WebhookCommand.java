package io.prescaler.cli;

import io.prescaler.failure.InvalidInputException;
import io.prescaler.failure.UsageException;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.webhook.ScalerTrigger;
import io.prescaler.webhook.WebhookConfig;
import io.prescaler.webhook.WebhookServer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "webhook",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Mutating admission webhook for autoscaling/v2 HPAs and KEDA ScaledObjects over HTTPS: POST /mutate validates the"
                        + " prescaling annotations (denies with every problem named) and injects, fixes or removes the"
                        + " External metric block. Also /healthz and /readyz. The certificate files are reloaded when"
                        + " they change.")
final class WebhookCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookCommand.class);

    static final int DEFAULT_PORT = 8443;

    @Mixin
    ListenOptions listen;

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            required = true,
            description =
                    "PEM serving certificate (chain allowed), e.g. tls.crt of a mounted kubernetes.io/tls Secret.")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            required = true,
            description = "PEM private key of that certificate (RSA or EC, PKCS#8 or traditional).")
    Path tlsKey;

    @Option(
            names = "--metric-mode",
            paramLabel = "MODE",
            defaultValue = "direct",
            description = "Metric block to inject: direct (prescaling_min_replicas, AverageValue 1, selector hpa)"
                    + " or legacy (annotation_scaling_min_replica, Value 10, selector deployment)"
                    + " (default: ${DEFAULT-VALUE}).")
    MetricEncoding metricMode;

    @Option(
            names = "--tls-reload-interval",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.Positive.class,
            description = "How often the certificate files are checked for a new pair (default: ${DEFAULT-VALUE}).")
    Duration reloadInterval;

    @Option(
            names = "--idle-timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.Positive.class,
            description = "Close a connection silent this long, also in the middle of a request (default:"
                    + " ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(
            names = "--keda-scaler-address",
            paramLabel = "HOST:PORT",
            defaultValue = ScalerTrigger.DEFAULT_ADDRESS,
            description = "scalerAddress of the external trigger given to annotated KEDA ScaledObjects: the"
                    + " exporter's gRPC port as KEDA reaches it (default: ${DEFAULT-VALUE}).")
    String kedaScalerAddress;

    @Mixin
    SharedOptions shared;

    /** The trigger for ScaledObjects, from {@code --keda-scaler-address}; a usage error when it is not HOST:PORT. */
    static ScalerTrigger scalerTrigger(String kedaScalerAddress) {
        if (kedaScalerAddress.isBlank() || !kedaScalerAddress.matches("[^\\s:/]+:\\d{1,5}")) {
            throw new UsageException("--keda-scaler-address " + kedaScalerAddress
                    + " is not HOST:PORT (for example prescaler-exporter.prescaler.svc:9090)");
        }
        return new ScalerTrigger(kedaScalerAddress);
    }

    @Override
    public Integer call() throws Exception {
        WebhookConfig config = new WebhookConfig(
                listen.port(DEFAULT_PORT),
                tlsCert,
                tlsKey,
                metricMode,
                shared.keys(),
                shared.zone(),
                WebhookConfig.DEFAULT_MAX_BODY_BYTES,
                idleTimeout,
                reloadInterval,
                listen.address,
                scalerTrigger(kedaScalerAddress));
        WebhookServer server;
        try {
            server = new WebhookServer(config, Clock.system(config.zone()));
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidInputException(
                    "--tls-cert " + tlsCert + " / --tls-key " + tlsKey + " cannot be loaded: " + e.getMessage(), e);
        }
        server.start();
        LOG.info(
                "prescaler {} webhook listening on {}:{} (HTTPS, POST /mutate); metric mode {}; certificate {}; timezone {}; annotation prefix {}",
                VersionProvider.version(),
                config.address(),
                server.port(),
                config.encoding().name().toLowerCase(Locale.ROOT),
                config.tlsCert(),
                config.zone(),
                config.keys().prefix());
        ServerLifetime.runUntilStopped(List.of(server));
        return 0;
    }
}
