package io.prescaler.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.certs.CertificateIssuer;
import io.prescaler.certs.KeyAlgorithm;
import io.prescaler.certs.WebhookCertificates;
import io.prescaler.demand.DemandCurve;
import io.prescaler.failure.InvalidInputException;
import io.prescaler.history.QueryFailure.Cause;
import io.prescaler.testing.HttpFront;
import io.prescaler.testing.PrometheusServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real Prometheus holding three days of backfilled demand, and a front for what it never does. */
class PrometheusClientTest {

    static final String QUERY = "max(prescaling_demand_replicas{namespace=\"shop\",hpa=\"web\"})";
    static final long STEP = 300;

    @TempDir
    static Path directory;

    static PrometheusServer prometheus;
    static long first;
    static long last;

    /** The generated demand: 4 replicas, 10 from 19:00 to 23:00 UTC, plus the hour of the day in tenths. */
    static double demandAt(long second) {
        long hour = (second / 3600) % 24;
        return (hour >= 19 && hour < 23 ? 10 : 4) + hour / 10.0;
    }

    @BeforeAll
    static void startPrometheus() throws Exception {
        long now = Instant.now().getEpochSecond();
        last = now - now % STEP - 2 * STEP;
        first = last - 3 * 86_400;
        int count = (int) ((last - first) / STEP) + 1;
        long[] seconds = new long[count];
        double[] values = new double[count];
        double[] other = new double[count];
        double[] spiky = new double[count];
        for (int i = 0; i < count; i++) {
            seconds[i] = first + i * STEP;
            values[i] = demandAt(seconds[i]);
            other[i] = 1;
            spiky[i] = seconds[i] == spike() ? 9 : 1;
        }
        prometheus = PrometheusServer.start(
                directory,
                new PrometheusServer.History()
                        .series(
                                "prescaling_demand_replicas",
                                Map.of("namespace", "shop", "hpa", "web"),
                                seconds,
                                values)
                        .series("prescaling_demand_replicas", Map.of("namespace", "shop", "hpa", "api"), seconds, other)
                        .series("spiky_demand", Map.of(), seconds, spiky));
    }

    /** The one 5-minute sample of spiky_demand at 9 (1 elsewhere): ten minutes into the fourth whole hour. */
    static long spike() {
        return first - first % 3600 + 3 * 3600 + 600;
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    static PrometheusClient client(URI url) {
        return new PrometheusClient(PrometheusSettings.of(url, Optional.empty(), Optional.empty(), Map.of()));
    }

    @Test
    void readsBackfilledHistoryAsOneDemandCurve() {
        try (PrometheusClient client = client(prometheus.url())) {
            RangeResult result = client.queryRange(
                    QUERY, Instant.ofEpochSecond(first), Instant.ofEpochSecond(last), Duration.ofSeconds(STEP));

            DemandCurve curve =
                    assertInstanceOf(RangeResult.Samples.class, result).curve();
            assertEquals(Instant.ofEpochSecond(first), curve.first());
            assertEquals(Instant.ofEpochSecond(last), curve.last());
            assertEquals((last - first) / STEP + 1, curve.points());
            for (long t = first; t <= last; t += STEP) {
                assertEquals(demandAt(t), curve.at(t), 1e-9, "at " + Instant.ofEpochSecond(t));
            }
            assertEquals(1, result.queries());
        }
    }

    @Test
    void readsASpanLongerThanOneRequestMayHoldInSeveralRequests() {
        long step = 15; // 3 days every 15 s: 17,281 steps, two requests
        try (PrometheusClient client = client(prometheus.url())) {
            RangeResult result = client.queryRange(
                    QUERY, Instant.ofEpochSecond(first), Instant.ofEpochSecond(last), Duration.ofSeconds(step));

            DemandCurve curve =
                    assertInstanceOf(RangeResult.Samples.class, result).curve();
            assertEquals(2, result.queries());
            assertEquals((last - first) / step + 1, curve.points());
            // A step between two samples reads the sample before it (the lookback), as the step curve says.
            assertEquals(demandAt(first + 10 * STEP), curve.at(first + 10 * STEP + 4 * step), 1e-9);
        }
    }

    @Test
    void readsTheHighestValueOfEachStepSoThatNoPeakBetweenTwoStepsIsLost() {
        long hour = spike() - spike() % 3600;
        Instant from = Instant.ofEpochSecond(hour - 2 * 3600);
        Instant to = Instant.ofEpochSecond(hour + 2 * 3600);
        try (PrometheusClient client = client(prometheus.url())) {
            DemandCurve maxima = assertInstanceOf(
                            RangeResult.Samples.class,
                            client.stepMaxima("max(spiky_demand)", from, to, Duration.ofHours(1)))
                    .curve();
            DemandCurve instants = assertInstanceOf(
                            RangeResult.Samples.class,
                            client.queryRange("max(spiky_demand)", from, to, Duration.ofHours(1)))
                    .curve();

            assertEquals(from, maxima.first());
            assertEquals(5, maxima.points());
            assertEquals(1, maxima.at(hour - 3600));
            assertEquals(9, maxima.at(hour)); // [hour, hour + 1h) holds the spike
            assertEquals(1, maxima.at(hour + 3600));
            assertEquals(1, instants.peak()); // read at whole hours only, the spike is missed
        }
    }

    @Test
    void refusesASpanOfMoreSamplesThanTheBoundWithoutAskingPrometheus() {
        PrometheusSettings bounded = PrometheusSettings.of(
                        prometheus.url(), Optional.empty(), Optional.empty(), Map.of())
                .withBounds(100, PrometheusSettings.DEFAULT_MAX_RESPONSE_BYTES);
        try (PrometheusClient client = new PrometheusClient(bounded)) {
            RangeResult result = client.queryRange(
                    QUERY, Instant.ofEpochSecond(first), Instant.ofEpochSecond(last), Duration.ofSeconds(STEP));

            QueryFailure failure =
                    assertInstanceOf(RangeResult.Failed.class, result).failure();
            assertEquals(Cause.TOO_LARGE, failure.cause());
            assertTrue(failure.message().contains("more than the 100"), failure.message());
            assertEquals(0, result.queries());
        }
    }

    @Test
    void refusesAnAnswerLargerThanTheBodyBound() {
        PrometheusSettings bounded = PrometheusSettings.of(
                        prometheus.url(), Optional.empty(), Optional.empty(), Map.of())
                .withBounds(PrometheusSettings.DEFAULT_MAX_POINTS, 1000);
        try (PrometheusClient client = new PrometheusClient(bounded)) {
            QueryFailure failure = failure(client.queryRange(
                    QUERY, Instant.ofEpochSecond(first), Instant.ofEpochSecond(last), Duration.ofSeconds(STEP)));

            assertEquals(Cause.TOO_LARGE, failure.cause());
            assertTrue(failure.message().contains("larger than 1000 bytes"), failure.message());
        }
    }

    @Test
    void namesAPromqlErrorWithPrometheussOwnMessage() {
        try (PrometheusClient client = client(prometheus.url())) {
            QueryFailure failure = failure(client.queryRange(
                    "max(prescaling_demand_replicas",
                    Instant.ofEpochSecond(first),
                    Instant.ofEpochSecond(last),
                    Duration.ofSeconds(STEP)));

            assertEquals(Cause.QUERY_ERROR, failure.cause());
            assertTrue(failure.message().contains("bad_data"), failure.message());
            assertTrue(failure.message().contains("unclosed left parenthesis"), failure.message());
        }
    }

    @Test
    void namesAnEmptyResult() {
        try (PrometheusClient client = client(prometheus.url())) {
            QueryFailure failure = failure(client.queryRange(
                    "max(prescaling_demand_replicas{hpa=\"nowhere\"})",
                    Instant.ofEpochSecond(first),
                    Instant.ofEpochSecond(last),
                    Duration.ofSeconds(STEP)));

            assertEquals(Cause.EMPTY, failure.cause());
            assertTrue(failure.message().contains("returned no samples"), failure.message());
        }
    }

    @Test
    void refusesAQueryReturningSeveralSeries() {
        try (PrometheusClient client = client(prometheus.url())) {
            QueryFailure failure = failure(client.queryRange(
                    "prescaling_demand_replicas",
                    Instant.ofEpochSecond(first),
                    Instant.ofEpochSecond(last),
                    Duration.ofSeconds(STEP)));

            assertEquals(Cause.NOT_ONE_SERIES, failure.cause());
            assertTrue(failure.message().contains("returns 2 series"), failure.message());
        }
    }

    @Test
    void namesAPrometheusThatStoppedAsUnreachable(@TempDir Path own) throws Exception {
        long now = Instant.now().getEpochSecond();
        PrometheusServer.History history = new PrometheusServer.History()
                .series("up", Map.of("job", "x"), new long[] {now - 3600, now - 1800}, new double[] {1, 1});
        PrometheusServer stopping = PrometheusServer.start(own, history);
        try (PrometheusClient client = client(stopping.url())) {
            Instant from = Instant.ofEpochSecond(now - 3600);
            Instant to = Instant.ofEpochSecond(now - 1800);
            assertInstanceOf(RangeResult.Samples.class, client.queryRange("max(up)", from, to, Duration.ofMinutes(5)));

            stopping.close();

            QueryFailure failure = failure(client.queryRange("max(up)", from, to, Duration.ofMinutes(5)));
            assertEquals(Cause.UNREACHABLE, failure.cause());
            assertTrue(failure.message().startsWith("Prometheus " + stopping.url() + ": "), failure.message());
        } finally {
            stopping.close();
        }
    }

    @Test
    void namesA5xxWithAnExcerptOfItsBody() throws Exception {
        try (HttpFront front = HttpFront.answering(503, "upstream connect error: overloaded\n");
                PrometheusClient client = client(front.url())) {
            QueryFailure failure = failure(client.queryRange(
                    QUERY, Instant.ofEpochSecond(first), Instant.ofEpochSecond(last), Duration.ofSeconds(STEP)));

            assertEquals(Cause.SERVER_ERROR, failure.cause());
            assertTrue(failure.message().endsWith("HTTP 503: upstream connect error: overloaded"), failure.message());
        }
    }

    @Test
    void namesA401AsUnauthorized() throws Exception {
        try (HttpFront front = HttpFront.answering(401, "no org id");
                PrometheusClient client = client(front.url())) {
            QueryFailure failure = failure(client.queryRange(
                    QUERY, Instant.ofEpochSecond(first), Instant.ofEpochSecond(last), Duration.ofSeconds(STEP)));

            assertEquals(Cause.UNAUTHORIZED, failure.cause());
            assertTrue(failure.message().contains("no org id"), failure.message());
        }
    }

    @Test
    void namesAWrongPathPrefixAsAnHttpError() throws Exception {
        try (HttpFront front = HttpFront.forwarding(prometheus.url(), "/prometheus");
                PrometheusClient client =
                        client(URI.create("http://127.0.0.1:" + front.url().getPort() + "/other"))) {
            QueryFailure failure = failure(client.queryRange(
                    QUERY, Instant.ofEpochSecond(first), Instant.ofEpochSecond(last), Duration.ofSeconds(STEP)));

            assertEquals(Cause.HTTP_ERROR, failure.cause());
            assertTrue(failure.message().contains("HTTP 404"), failure.message());
        }
    }

    @Test
    void namesAnAnswerLaterThanTheTimeout() throws Exception {
        PrometheusSettings quick;
        try (HttpFront front = HttpFront.answering(200, "{}").delayedBy(Duration.ofSeconds(3))) {
            quick = PrometheusSettings.of(front.url(), Optional.empty(), Optional.empty(), Map.of())
                    .withTimeout(Duration.ofMillis(300));
            try (PrometheusClient client = new PrometheusClient(quick)) {
                QueryFailure failure = failure(client.queryRange(
                        QUERY, Instant.ofEpochSecond(first), Instant.ofEpochSecond(last), Duration.ofSeconds(STEP)));

                assertEquals(Cause.TIMEOUT, failure.cause());
            }
        }
    }

    @Test
    void sendsTheBearerTokenReadAgainWhenItsFileChangesAndTheExtraHeadersUnderAPathPrefix(@TempDir Path files)
            throws Exception {
        Path token = files.resolve("token");
        Files.writeString(token, "first-token\n");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Scope-OrgID", "tenant-1");
        try (HttpFront front = HttpFront.forwarding(prometheus.url(), "/prometheus");
                PrometheusClient client = new PrometheusClient(
                        PrometheusSettings.of(front.url(), Optional.of(token), Optional.empty(), headers))) {
            Instant from = Instant.ofEpochSecond(first);
            Instant to = Instant.ofEpochSecond(first + 3600);
            assertInstanceOf(RangeResult.Samples.class, client.queryRange(QUERY, from, to, Duration.ofSeconds(STEP)));
            Files.writeString(token, "second-token");
            Files.setLastModifiedTime(token, FileTime.from(Instant.now().plusSeconds(5)));
            assertInstanceOf(RangeResult.Samples.class, client.queryRange(QUERY, from, to, Duration.ofSeconds(STEP)));

            var received = front.received();
            assertEquals(2, received.size());
            assertEquals("POST", received.get(0).method());
            assertEquals("/prometheus/api/v1/query_range", received.get(0).path());
            assertEquals("Bearer first-token", received.get(0).headers().getFirst("Authorization"));
            assertEquals("Bearer second-token", received.get(1).headers().getFirst("Authorization"));
            assertEquals("tenant-1", received.get(1).headers().getFirst("X-Scope-OrgID"));
            assertTrue(received.get(0).body().startsWith("query=max%28prescaling_demand_replicas"));
        }
    }

    @Test
    void namesAnUnreadableTokenFileAsCredentials(@TempDir Path files) {
        Path missing = files.resolve("absent");
        try (PrometheusClient client = new PrometheusClient(
                PrometheusSettings.of(prometheus.url(), Optional.of(missing), Optional.empty(), Map.of()))) {
            QueryFailure failure = failure(client.queryRange(
                    QUERY, Instant.ofEpochSecond(first), Instant.ofEpochSecond(last), Duration.ofSeconds(STEP)));

            assertEquals(Cause.CREDENTIALS, failure.cause());
            assertTrue(failure.message().contains(missing.toString()), failure.message());
        }
    }

    @Test
    void trustsTheCaFileForAnHttpsPrometheusAndNamesAnUntrustedOne(@TempDir Path files) throws Exception {
        WebhookCertificates certificates = new CertificateIssuer(
                        java.time.Clock.systemUTC(), Duration.ofDays(1), KeyAlgorithm.EC)
                .issue(java.util.List.of("127.0.0.1"));
        Path ca = files.resolve("ca.crt");
        Files.writeString(ca, certificates.caPem());
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("serving", certificates.servingKey(), new char[0], new java.security.cert.Certificate[] {
            certificates.serving(), certificates.ca()
        });
        javax.net.ssl.KeyManagerFactory managers =
                javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, new char[0]);
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        Instant from = Instant.ofEpochSecond(first);
        Instant to = Instant.ofEpochSecond(first + 3600);
        try (HttpFront front = HttpFront.forwardingOverHttps(prometheus.url(), "", tls);
                PrometheusClient trusting = new PrometheusClient(
                        PrometheusSettings.of(front.url(), Optional.empty(), Optional.of(ca), Map.of()));
                PrometheusClient untrusting = client(front.url())) {
            assertTrue(front.url().toString().startsWith("https://"));
            assertInstanceOf(RangeResult.Samples.class, trusting.queryRange(QUERY, from, to, Duration.ofSeconds(STEP)));

            QueryFailure failure = failure(untrusting.queryRange(QUERY, from, to, Duration.ofSeconds(STEP)));
            assertEquals(Cause.UNREACHABLE, failure.cause());
            assertTrue(failure.message().contains("TLS failed"), failure.message());
        }
    }

    @Test
    void refusesACaFileWithoutCertificateAtStart(@TempDir Path files) throws Exception {
        Path ca = files.resolve("ca.pem");
        Files.writeString(ca, "not a certificate\n");
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> new PrometheusClient(PrometheusSettings.of(
                        URI.create("https://prometheus.example"), Optional.empty(), Optional.of(ca), Map.of())));
        assertTrue(e.getMessage().contains("holds no PEM certificate"), e.getMessage());
    }

    private static QueryFailure failure(RangeResult result) {
        return assertInstanceOf(RangeResult.Failed.class, result).failure();
    }
}
