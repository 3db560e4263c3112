package io.prescaler.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prescaler.certs.CertificateIssuer;
import io.prescaler.certs.KeyAlgorithm;
import io.prescaler.certs.WebhookCertificates;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.webhook.WebhookConfig;
import io.prescaler.webhook.WebhookServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Admissions per second and latency of the real webhook ({@link WebhookServer}, {@code POST /mutate}) over HTTPS
 * keep-alive on 127.0.0.1, against a bare Javalin HTTPS endpoint with the same TLS setup answering a fixed body
 * ({@link BareHttpsEndpoint}), both running in this JVM in the same run; then both at a fixed request rate. The
 * certificates come from Prescaler's own {@code certs} code, into a temporary directory deleted afterwards. First,
 * the admission work alone on one thread ({@link AdmissionWork}): what the webhook adds to the bare endpoint's work.
 */
public final class WebhookBench implements BenchSuite {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Closed-loop measurements alternate between the endpoints, so that a burst of load from elsewhere on the
     * machine does not fall on one of them only. */
    private static final int ROUNDS = 2;

    private final Path admissionReview;
    private final List<Integer> connections;
    private final Duration measure;
    private final Duration warmUp;
    private final int rate;
    private final Duration rateDuration;

    /**
     * @param admissionReview the AdmissionReview sent on every request
     * @param measure closed-loop time per endpoint and connection count (split over {@value #ROUNDS} rounds)
     * @param warmUp closed-loop time per endpoint before anything is measured, for the JIT
     * @param rate requests per second of the fixed-rate run, held for {@code rateDuration}
     */
    public WebhookBench(
            Path admissionReview,
            List<Integer> connections,
            Duration measure,
            Duration warmUp,
            int rate,
            Duration rateDuration) {
        this.admissionReview = admissionReview;
        this.connections = List.copyOf(connections);
        this.measure = measure;
        this.warmUp = warmUp;
        this.rate = rate;
        this.rateDuration = rateDuration;
        if (connections.isEmpty() || connections.stream().anyMatch(n -> n < 1 || n > 1000)) {
            throw new IllegalArgumentException(
                    "--webhook-connections needs one or more counts between 1 and 1000, got " + connections);
        }
        if (measure.toMillis() < 2 * ROUNDS * 100) {
            throw new IllegalArgumentException("--webhook-duration must be at least 400ms, got " + measure);
        }
        if (rate < 1 || rateDuration.toSeconds() < 1) {
            throw new IllegalArgumentException(
                    "--webhook-rate must be >= 1 and its duration >= 1s, got " + rate + " for " + rateDuration);
        }
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public String description() {
        return "the admission work alone per request on one thread, then admissions/s and p50/p99 over HTTPS"
                + " keep-alive vs a bare Javalin HTTPS endpoint, then p99 at a fixed rate";
    }

    @Override
    public BenchResult run() throws Exception {
        if (!Files.isRegularFile(admissionReview)) {
            throw new IllegalArgumentException("--admission-review " + admissionReview + " does not exist; name an"
                    + " AdmissionReview file (the default is webhook/samples/create-hpa.json in the checkout)");
        }
        byte[] review = Files.readAllBytes(admissionReview);
        Path certDir = Files.createTempDirectory("prescaler-bench-certs");
        try {
            WebhookCertificates certificates = new CertificateIssuer(
                            Clock.systemUTC(), Duration.ofDays(1), KeyAlgorithm.EC)
                    .issue(List.of("localhost", "127.0.0.1"));
            certificates.writeTo(certDir);
            SSLContext tls = trusting(certificates);
            Path cert = certDir.resolve(WebhookCertificates.CERT_FILE);
            Path key = certDir.resolve(WebhookCertificates.KEY_FILE);
            WebhookConfig config = new WebhookConfig(
                    0,
                    cert,
                    key,
                    MetricEncoding.DIRECT,
                    AnnotationKeys.DEFAULT,
                    ZoneOffset.UTC,
                    WebhookConfig.DEFAULT_MAX_BODY_BYTES,
                    IDLE_TIMEOUT,
                    Duration.ofSeconds(10));
            try (WebhookServer webhook = new WebhookServer(config, Clock.systemUTC()).start()) {
                byte[] answer = checkedAnswer(tls, webhook.port(), review);
                try (BareHttpsEndpoint bare = new BareHttpsEndpoint(cert, key, IDLE_TIMEOUT, answer).start()) {
                    return measure(new AdmissionLoad(tls, "/mutate", review), bare.port(), webhook.port(), review);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(certDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private BenchResult measure(AdmissionLoad load, int barePort, int webhookPort, byte[] review) throws Exception {
        // What the webhook does beyond the bare endpoint, apart from HTTP and TLS: measured first, on one thread.
        AdmissionWork.Result work = AdmissionWork.measure(review, warmUp, measure);
        int most = connections.stream().max(Integer::compare).orElseThrow();
        if (!warmUp.isZero()) {
            load.closedLoop(barePort, most, warmUp);
            load.closedLoop(webhookPort, most, warmUp);
        }

        List<List<String>> rows = new ArrayList<>();
        Duration round = measure.dividedBy(ROUNDS);
        for (int n : connections) {
            List<AdmissionLoad.Outcome> bare = new ArrayList<>();
            List<AdmissionLoad.Outcome> webhook = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                if (r % 2 == 0) {
                    bare.add(load.closedLoop(barePort, n, round));
                    webhook.add(load.closedLoop(webhookPort, n, round));
                } else {
                    webhook.add(load.closedLoop(webhookPort, n, round));
                    bare.add(load.closedLoop(barePort, n, round));
                }
            }
            AdmissionLoad.Outcome b = combined(bare);
            AdmissionLoad.Outcome w = combined(webhook);
            String closed = "closed loop, " + n + " connections";
            rows.add(row(closed, "bare Javalin HTTPS", b, "-"));
            rows.add(row(closed, "webhook POST /mutate", w, String.format("%.2fx", w.perSecond() / b.perSecond())));
        }
        int rateConnections = Math.min(8, most);
        String fixed = rate + " req/s for " + rateDuration.toSeconds() + " s, " + rateConnections + " connections";
        AdmissionLoad.Outcome bareAtRate = load.fixedRate(barePort, rateConnections, rate, rateDuration);
        AdmissionLoad.Outcome webhookAtRate = load.fixedRate(webhookPort, rateConnections, rate, rateDuration);
        rows.add(row(fixed, "bare Javalin HTTPS", bareAtRate, "-"));
        rows.add(row(fixed, "webhook POST /mutate", webhookAtRate, "-"));

        return new BenchResult(
                name(),
                "Webhook admissions over HTTPS keep-alive vs a bare Javalin HTTPS endpoint",
                List.of("load", "endpoint", "requests", "req/s", "p50", "p99", "max", "webhook / bare"),
                rows,
                List.of(
                        "Request: " + admissionReview + " (" + review.length + " bytes), an HPA CREATE whose"
                                + " annotations are valid: the webhook answers with a JSON Patch injecting the"
                                + " External metric block; the bare endpoint reads the body and answers those same"
                                + " response bytes.",
                        String.format(
                                "Admission work alone (AdmissionHandler.handle on one thread: decode, review, encode;"
                                        + " no HTTP, no TLS): %.1f us of CPU and %.1f KB allocated per request, the"
                                        + " median of %d rounds of 1 s (%.1f-%.1f us) after a warm-up of %d s.",
                                work.medianMicros(),
                                work.medianKilobytes(),
                                work.microsPerAdmission().size(),
                                work.microsPerAdmission().get(0),
                                work.microsPerAdmission()
                                        .get(work.microsPerAdmission().size() - 1),
                                warmUp.toSeconds()),
                        "TLS: ECDSA P-256 certificate from the certs code, TLS 1.3, verified by the client; clients"
                                + " and servers share this JVM and its cores; one blocking SSLSocket per connection.",
                        "Closed loop: warm-up " + warmUp.toSeconds() + " s per endpoint, then " + ROUNDS
                                + " alternating rounds of " + round.toMillis() / 1000.0
                                + " s per endpoint and connection count; latency per request.",
                        "Fixed rate: request i due at start + i/rate; latency from when it was due (a stall counts"
                                + " against every request queued behind it). The webhook logs one INFO line per"
                                + " patched admission, as in production (PRESCALER_LOG_LEVEL)."));
    }

    private static AdmissionLoad.Outcome combined(List<AdmissionLoad.Outcome> outcomes) {
        long requests =
                outcomes.stream().mapToLong(AdmissionLoad.Outcome::requests).sum();
        long elapsed =
                outcomes.stream().mapToLong(AdmissionLoad.Outcome::elapsedNanos).sum();
        long[] nanos = outcomes.stream()
                .flatMapToLong(o -> LongStream.of(o.latencies().nanos()))
                .toArray();
        return new AdmissionLoad.Outcome(requests, elapsed, new Latencies(nanos));
    }

    private static List<String> row(String load, String endpoint, AdmissionLoad.Outcome outcome, String ratio) {
        Latencies latencies = outcome.latencies();
        return List.of(
                load,
                endpoint,
                Long.toString(outcome.requests()),
                String.format("%.0f", outcome.perSecond()),
                Latencies.millis(latencies.percentileMillis(50)),
                Latencies.millis(latencies.percentileMillis(99)),
                Latencies.millis(latencies.percentileMillis(100)),
                ratio);
    }

    /** One admission, checked: the sample must be patched, or the benchmark would measure the wrong path. */
    private static byte[] checkedAnswer(SSLContext tls, int port, byte[] review) throws Exception {
        byte[] answer;
        try (KeepAliveConnection connection = new KeepAliveConnection(tls, port, "/mutate", review)) {
            answer = connection.exchange();
        }
        JsonNode response = JSON.readTree(answer).path("response");
        if (!response.path("allowed").asBoolean() || !response.hasNonNull("patch")) {
            throw new IllegalArgumentException("the AdmissionReview should be allowed with a patch (an HPA whose"
                    + " annotations are valid and that lacks the metric block); the webhook answered " + response);
        }
        return answer;
    }

    private static SSLContext trusting(WebhookCertificates certificates) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("prescaler-ca", certificates.ca());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
