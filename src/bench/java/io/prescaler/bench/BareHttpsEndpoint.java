package io.prescaler.bench;

import io.javalin.Javalin;
import io.prescaler.tls.HttpsConnector;
import io.prescaler.webhook.PemKeyStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The baseline of the webhook benchmark: Javalin over HTTPS with the webhook's own connector ({@link HttpsConnector}:
 * the same PEM pair, TLS 1.3/1.2, no SNI or host check, same idle timeout), reading the request body and answering a
 * fixed body. Whatever the webhook costs beyond this is the admission work itself.
 */
final class BareHttpsEndpoint implements AutoCloseable {

    private final HttpsConnector https;
    private final Javalin app;

    BareHttpsEndpoint(Path tlsCert, Path tlsKey, Duration idleTimeout, byte[] answer) throws Exception {
        this.https = new HttpsConnector(
                PemKeyStore.load(tlsCert, tlsKey).keyStore(), PemKeyStore.PASSWORD, "127.0.0.1", 0, idleTimeout);
        this.app = Javalin.create(javalin -> {
                    javalin.showJavalinBanner = false;
                    javalin.useVirtualThreads = false;
                    javalin.jetty.addConnector(https::create);
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
        return https.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
