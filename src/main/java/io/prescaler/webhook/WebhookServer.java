package io.prescaler.webhook;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.prescaler.schedule.AnnotationParser;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's HTTPS side, kept thin: {@code POST /mutate} reads at most the body limit and hands the bytes to
 * {@link AdmissionHandler}; {@code /healthz}, {@code /readyz}. TLS 1.2+ from PEM files, reloaded when they change.
 */
public final class WebhookServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
    private static final String JSON = "application/json";
    /** Below this rate a request body is abandoned: an AdmissionReview arrives in one go, a trickle is an attack. */
    private static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;

    /**
     * Admissions read and reviewed at once; the others wait for a turn (up to the idle timeout, then 429). Each holds
     * at most the body limit plus the parts of it the review keeps as a tree, so this bounds the heap the webhook
     * needs whatever many clients send: about 8 x 4 x 3 MiB. Two cores gain nothing from more at once.
     */
    static final int ADMISSIONS_AT_ONCE = 8;

    private final Semaphore inFlight = new Semaphore(ADMISSIONS_AT_ONCE);
    private final WebhookConfig config;
    private final AdmissionHandler handler;
    private final SslContextFactory.Server ssl = new SslContextFactory.Server();
    private final ServingCertificateReloader reloader;
    private final AtomicReference<ServerConnector> connector = new AtomicReference<>();
    private final Javalin app;

    public WebhookServer(WebhookConfig config, Clock clock) throws IOException, GeneralSecurityException {
        this.config = config;
        this.handler = new AdmissionHandler(
                new AdmissionReviewer(new AnnotationParser(config.keys(), config.zone()), config.encoding(), clock));
        this.reloader = new ServingCertificateReloader(config.tlsCert(), config.tlsKey(), this::swap);
        PemKeyStore initial = reloader.loadInitial();
        ssl.setKeyStore(initial.keyStore());
        ssl.setKeyStorePassword(new String(PemKeyStore.PASSWORD));
        ssl.setKeyManagerPassword(new String(PemKeyStore.PASSWORD));
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setSniRequired(false);
        this.app = Javalin.create(javalin -> {
                    javalin.showJavalinBanner = false;
                    javalin.useVirtualThreads = false;
                    // Javalin answers a request that timed out with 500 by default; a stalled client is at fault.
                    javalin.jetty.timeoutStatus = 408;
                    javalin.jetty.addConnector((server, http) -> {
                        HttpConfiguration https = new HttpConfiguration(http);
                        https.setSendServerVersion(false);
                        https.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND);
                        // Jetty would wait for the first body byte before calling the handler, so a body declared
                        // over the limit and never sent got its 413 only at the idle timeout.
                        https.setDelayDispatchUntilContent(false);
                        // The API server checks the certificate itself; a Host/SNI mismatch check here would only
                        // turn a port-forward or a test call into a 400.
                        https.addCustomizer(new SecureRequestCustomizer(false));
                        ServerConnector serverConnector = new ServerConnector(
                                server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
                        serverConnector.setPort(config.port());
                        serverConnector.setIdleTimeout(config.idleTimeout().toMillis());
                        // The head of a request (handshake, request line, headers) must be in within the idle
                        // timeout too, however it trickles: see RequestHeadDeadline.
                        serverConnector.addBean(
                                new RequestHeadDeadline(serverConnector.getScheduler(), config.idleTimeout()));
                        connector.set(serverConnector);
                        return serverConnector;
                    });
                })
                .post("/mutate", this::mutate)
                .get("/healthz", ctx -> ctx.result("ok"))
                .get("/readyz", ctx -> ctx.result("ready"))
                .exception(Exception.class, (e, ctx) -> {
                    // Only a body that could not be read gets here; never a 500, never a stack trace.
                    LOG.warn("request {} {} failed: {}", ctx.method(), ctx.path(), LogQuote.of(e.toString()));
                    answer(ctx, handler.unreceived(e.toString()));
                });
    }

    public WebhookServer start() {
        app.start();
        reloader.start(config.reloadInterval());
        return this;
    }

    /** The port actually bound (useful with --port 0). */
    public int port() {
        ServerConnector bound = connector.get();
        return bound == null ? -1 : bound.getLocalPort();
    }

    private void mutate(Context ctx) {
        long max = config.maxBodyBytes();
        if (ctx.req().getContentLengthLong() > max) {
            ctx.header("Connection", "close");
            answer(ctx, handler.tooLarge(max));
            return;
        }
        boolean admitted;
        try {
            admitted = inFlight.tryAcquire(config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            answer(ctx, handler.busy(ADMISSIONS_AT_ONCE));
            return;
        }
        try {
            admit(ctx, max);
        } finally {
            inFlight.release();
        }
    }

    private void admit(Context ctx, long max) {
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            // Idle timeout, minimum data rate or a reset: the client is gone or stalling.
            ctx.header("Connection", "close");
            answer(ctx, handler.unreceived(e.toString()));
            return;
        }
        if (body.length > max) {
            ctx.header("Connection", "close");
            answer(ctx, handler.tooLarge(max));
            return;
        }
        answer(ctx, handler.handle(body));
    }

    private static void answer(Context ctx, AdmissionHandler.Answer answer) {
        ctx.status(answer.status()).contentType(JSON).result(answer.body());
    }

    private void swap(PemKeyStore pair) {
        try {
            ssl.reload(factory -> factory.setKeyStore(pair.keyStore()));
        } catch (Exception e) {
            throw new IllegalStateException("TLS context reload failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        reloader.close();
        app.stop();
    }
}
