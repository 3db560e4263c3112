package io.prescaler.scaler;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.prescaler.tls.PemKeyManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC server KEDA calls: {@link ExternalScalerService} over HTTP/2, TLS from PEM files when given (reloaded
 * when they change, like the webhook's), plaintext otherwise. Requests are tiny, so anything above 64 KiB is refused;
 * a connection must finish its handshake within 10 s.
 */
public final class ScalerServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScalerServer.class);
    private static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final ScalerConfig config;
    private final ExternalScalerService service;
    private final ActiveStreams streams;
    private final ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "grpc-tls-reload");
        t.setDaemon(true);
        return t;
    });
    private PemKeyManager keyManager;
    private Server server;
    private volatile String lastReloadFailure = "";

    public ScalerServer(ScalerConfig config, ExternalScalerService service, ActiveStreams streams) {
        this.config = config;
        this.service = service;
        this.streams = streams;
    }

    /**
     * Binds and serves.
     *
     * @throws GeneralSecurityException or IOException when the certificate files cannot be loaded
     * @throws UncheckedIOException when the port cannot be bound
     */
    public ScalerServer start() throws IOException, GeneralSecurityException {
        ServerCredentials credentials;
        if (config.tls()) {
            keyManager = PemKeyManager.load(
                    config.tlsCert().orElseThrow(), config.tlsKey().orElseThrow());
            credentials =
                    TlsServerCredentials.newBuilder().keyManager(keyManager).build();
            long millis = config.reloadInterval().toMillis();
            reloads.scheduleWithFixedDelay(this::reload, millis, millis, TimeUnit.MILLISECONDS);
        } else {
            credentials = InsecureServerCredentials.create();
        }
        server = NettyServerBuilder.forAddress(new InetSocketAddress(config.address(), config.port()), credentials)
                .addService(service)
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .maxInboundMetadataSize(16 * 1024)
                .handshakeTimeout(10, TimeUnit.SECONDS)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen on " + config.address() + ":" + config.port() + " (--grpc-port): " + e.getMessage(),
                    e);
        }
        streams.start();
        return this;
    }

    private void reload() {
        try {
            if (keyManager.reloadIfChanged()) {
                lastReloadFailure = "";
                LOG.info(
                        "gRPC serving certificate reloaded from {}: subject {}, valid until {}",
                        config.tlsCert().orElseThrow(),
                        keyManager.certificate().getSubjectX500Principal().getName(),
                        keyManager.certificate().getNotAfter().toInstant());
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            String failure = e.toString();
            if (!failure.equals(lastReloadFailure)) {
                LOG.warn(
                        "gRPC certificate files changed but cannot be loaded yet ({}); still serving the previous pair,"
                                + " retrying",
                        failure);
                lastReloadFailure = failure;
            }
        }
    }

    /** The port bound (useful with port 0); -1 before start. */
    public int port() {
        return server == null ? -1 : server.getPort();
    }

    @Override
    public void close() {
        reloads.shutdownNow();
        streams.close();
        if (server == null) {
            return;
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "KEDA scaler (gRPC) on " + config.address() + ":" + port();
    }
}
