package io.prescaler.webhook;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.tls.HttpsConnector;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's HTTPS side, kept thin: {@code POST /mutate} reads at most the body limit and hands the bytes to
 * {@link AdmissionHandler}; {@code /healthz}, {@code /readyz}. TLS 1.2+ from PEM files, reloaded when they change.
 */
public final class WebhookServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
    private static final String JSON = "application/json";

    /**
     * Admissions of a large body (or of one whose length is not declared) read and reviewed at once; the others
     * wait for a turn (up to the idle timeout, then 429). Each holds at most the body limit plus the parts of it the
     * review keeps, so this bounds the heap large bodies can take whatever many clients send: about 8 x 4 x 3 MiB.
     */
    static final int ADMISSIONS_AT_ONCE = 8;

    /**
     * A body that declares at most this many bytes is small: an HPA's AdmissionReview is a few KiB. Jetty never
     * reads past a declared length, so a small admission holds little whatever the client sends.
     */
    static final long SMALL_BODY_BYTES = 64 * 1024;

    /**
     * Admissions of a small body at once, in their own slots: about 64 x 4 x 64 KiB of heap at most. Enough that the
     * API server's concurrent admissions never queue for a turn (waiting and waking threads for it cost as much as
     * an admission), while a flood of them is still bounded.
     */
    static final int SMALL_ADMISSIONS_AT_ONCE = 64;

    private final Semaphore inFlight = new Semaphore(ADMISSIONS_AT_ONCE);
    private final Semaphore smallInFlight = new Semaphore(SMALL_ADMISSIONS_AT_ONCE);
    private final WebhookConfig config;
    private final AdmissionHandler handler;
    private final ServingCertificateReloader reloader;
    private final HttpsConnector https;
    private final Javalin app;

    public WebhookServer(WebhookConfig config, Clock clock) throws IOException, GeneralSecurityException {
        this.config = config;
        this.handler = new AdmissionHandler(new AdmissionReviewer(
                new AnnotationParser(config.keys(), config.zone()), config.encoding(), clock, config.scalerTrigger()));
        this.reloader = new ServingCertificateReloader(config.tlsCert(), config.tlsKey(), this::swap);
        // No host is Jetty's wildcard: every interface, IPv4 and IPv6 (an IPv6-only pod included).
        String host = WebhookConfig.ALL_INTERFACES.equals(config.address()) ? null : config.address();
        this.https = new HttpsConnector(
                reloader.loadInitial().keyStore(), PemKeyStore.PASSWORD, host, config.port(), config.idleTimeout());
        this.app = Javalin.create(javalin -> {
                    javalin.showJavalinBanner = false;
                    javalin.useVirtualThreads = false;
                    // Javalin answers a request that timed out with 500 by default; a stalled client is at fault.
                    javalin.jetty.timeoutStatus = 408;
                    javalin.jetty.addConnector(https::create);
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
        return https.port();
    }

    private void mutate(Context ctx) {
        long max = config.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            ctx.header("Connection", "close");
            answer(ctx, handler.tooLarge(max));
            return;
        }
        boolean small = declared >= 0 && declared <= SMALL_BODY_BYTES;
        Semaphore slots = small ? smallInFlight : inFlight;
        boolean admitted;
        try {
            admitted =
                    slots.tryAcquire() || slots.tryAcquire(config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            answer(ctx, handler.busy(small ? SMALL_ADMISSIONS_AT_ONCE : ADMISSIONS_AT_ONCE));
            return;
        }
        try {
            admit(ctx, max, declared);
        } finally {
            slots.release();
        }
    }

    /** @param declared the body's declared length, at most {@code max}; -1 when not declared */
    private void admit(Context ctx, long max, long declared) {
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            // A declared length is read into one array of that size; otherwise up to one byte past the limit.
            body = in.readNBytes((int) (declared >= 0 ? declared : Math.min(Integer.MAX_VALUE - 8, max + 1)));
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
        https.reload(pair.keyStore());
    }

    @Override
    public void close() {
        reloader.close();
        app.stop();
    }
}
