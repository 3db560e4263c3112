package io.prescaler.bench;

import io.javalin.Javalin;
import io.prescaler.webhook.PemKeyStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The baseline of the webhook benchmark: Javalin over HTTPS with the webhook's TLS and connector settings (the same
 * PEM pair, TLS 1.3/1.2, no SNI or host check, same idle timeout), reading the request body and answering a fixed
 * body. Whatever the webhook costs beyond this is the admission work itself.
 */
final class BareHttpsEndpoint implements AutoCloseable {

    private final AtomicReference<ServerConnector> connector = new AtomicReference<>();
    private final Javalin app;

    BareHttpsEndpoint(Path tlsCert, Path tlsKey, Duration idleTimeout, byte[] answer) throws Exception {
        PemKeyStore pair = PemKeyStore.load(tlsCert, tlsKey);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(pair.keyStore());
        ssl.setKeyStorePassword(new String(PemKeyStore.PASSWORD));
        ssl.setKeyManagerPassword(new String(PemKeyStore.PASSWORD));
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setSniRequired(false);
        this.app = Javalin.create(javalin -> {
                    javalin.showJavalinBanner = false;
                    javalin.useVirtualThreads = false;
                    javalin.jetty.addConnector((server, http) -> {
                        HttpConfiguration https = new HttpConfiguration(http);
                        https.setSendServerVersion(false);
                        https.addCustomizer(new SecureRequestCustomizer(false));
                        ServerConnector serverConnector = new ServerConnector(
                                server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
                        serverConnector.setHost("127.0.0.1");
                        serverConnector.setPort(0);
                        serverConnector.setIdleTimeout(idleTimeout.toMillis());
                        connector.set(serverConnector);
                        return serverConnector;
                    });
                })
                .post("/mutate", ctx -> {
                    ctx.bodyAsBytes();
                    ctx.contentType("application/json").result(answer);
                });
    }

    BareHttpsEndpoint start() {
        app.start();
        return this;
    }

    int port() {
        return connector.get().getLocalPort();
    }

    @Override
    public void close() {
        app.stop();
    }
}
