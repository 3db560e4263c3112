package io.prescaler.cli;

import io.prescaler.cluster.ClusterConnection;
import io.prescaler.exporter.DemandFloors;
import io.prescaler.exporter.ExporterConfig;
import io.prescaler.exporter.HpaCache;
import io.prescaler.failure.InvalidInputException;
import io.prescaler.failure.UsageException;
import io.prescaler.kube.HpaFacts;
import io.prescaler.scaler.ActiveStreams;
import io.prescaler.scaler.ExternalScalerService;
import io.prescaler.scaler.ScaledObjectCache;
import io.prescaler.scaler.ScaledObjectDecider;
import io.prescaler.scaler.ScalerConfig;
import io.prescaler.scaler.ScalerServer;
import io.prescaler.schedule.AnnotationParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The exporter's KEDA external scaler flags, and its wiring: ScaledObject informer, decider, streams, server. */
public final class KedaScalerOptions {

    private static final Logger LOG = LoggerFactory.getLogger(KedaScalerOptions.class);

    /** How often open StreamIsActive calls are decided again: a change reaches KEDA within a second. */
    static final Duration STREAM_INTERVAL = Duration.ofMillis(250);

    @Option(
            names = "--grpc-port",
            paramLabel = "PORT",
            defaultValue = "9090",
            converter = CountConverter.Port.class,
            description = "Port of KEDA's external scaler API (gRPC) for annotated ScaledObjects; 0 turns it off"
                    + " (default: ${DEFAULT-VALUE}).")
    int grpcPort;

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description = "PEM serving certificate for the gRPC port (the webhook's tls.crt will do); with"
                    + " --tls-key. Without them the gRPC port is plaintext.")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "PEM private key of --tls-cert (RSA or EC, PKCS#8 or traditional).")
    Path tlsKey;

    /** The scaler's settings, checked before anything starts: --tls-cert without --tls-key is a usage error. */
    ScalerConfig config(String address) {
        try {
            return new ScalerConfig(
                    grpcPort,
                    address,
                    Optional.ofNullable(tlsCert),
                    Optional.ofNullable(tlsKey),
                    Duration.ofSeconds(10));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Starts the scaler when --grpc-port is not 0; answers the parts to close, in order. */
    List<AutoCloseable> start(
            ScalerConfig config,
            ExporterConfig exporter,
            ClusterConnection connection,
            HpaCache hpas,
            DemandFloors floors,
            Clock clock) {
        String address = config.address();
        if (!config.enabled()) {
            LOG.info("KEDA external scaler off (--grpc-port 0)");
            return List.of();
        }
        ScaledObjectCache cache = new ScaledObjectCache(connection.client(), exporter.namespaces());
        ScaledObjectDecider decider = new ScaledObjectDecider(
                cache,
                (namespace, name) -> hpas.hpa(namespace, name)
                        .map(HpaFacts::currentReplicas)
                        .map(OptionalInt::of)
                        .orElse(OptionalInt.empty()),
                new AnnotationParser(exporter.keys(), exporter.zone()),
                floors::raise,
                clock);
        ActiveStreams streams = new ActiveStreams(decider, STREAM_INTERVAL);
        cache.onChange(streams::changed);
        ScalerServer server = new ScalerServer(config, new ExternalScalerService(decider, streams), streams);
        cache.start();
        try {
            server.start();
        } catch (IOException | GeneralSecurityException e) {
            cache.close();
            throw new InvalidInputException(
                    "--tls-cert " + tlsCert + " / --tls-key " + tlsKey + " cannot be loaded: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            // The port is taken, or the address is not this host's: bad input, named with the flag.
            server.close();
            cache.close();
            throw new InvalidInputException(e.getMessage(), e);
        }
        LOG.info(
                "KEDA external scaler listening on {}:{} (gRPC, {})",
                address,
                server.port(),
                config.tls() ? "TLS from " + tlsCert : "plaintext");
        return List.of(server, cache);
    }
}
