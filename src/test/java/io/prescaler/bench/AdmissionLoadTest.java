package io.prescaler.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.certs.CertificateIssuer;
import io.prescaler.certs.KeyAlgorithm;
import io.prescaler.certs.WebhookCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook suite's load plumbing at a tiny size: raw keep-alive HTTPS against the bare endpoint. */
class AdmissionLoadTest {

    private static final byte[] ANSWER = "{\"fixed\":true}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] REQUEST = "{\"kind\":\"AdmissionReview\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path certDir;

    static BareHttpsEndpoint endpoint;
    static SSLContext tls;

    @BeforeAll
    static void start() throws Exception {
        WebhookCertificates certificates = new CertificateIssuer(Clock.systemUTC(), Duration.ofDays(1), KeyAlgorithm.EC)
                .issue(List.of("localhost", "127.0.0.1"));
        certificates.writeTo(certDir);
        endpoint = new BareHttpsEndpoint(
                        certDir.resolve(WebhookCertificates.CERT_FILE),
                        certDir.resolve(WebhookCertificates.KEY_FILE),
                        Duration.ofSeconds(5),
                        ANSWER)
                .start();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", certificates.ca());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Test
    void readsTheWholeAnswerAgainAndAgainOnOneConnection() throws Exception {
        try (KeepAliveConnection connection = new KeepAliveConnection(tls, endpoint.port(), "/mutate", REQUEST)) {
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(ANSWER, connection.exchange());
            }
        }
    }

    @Test
    void closedLoopRecordsOneLatencyPerRequest() throws Exception {
        AdmissionLoad.Outcome outcome =
                new AdmissionLoad(tls, "/mutate", REQUEST).closedLoop(endpoint.port(), 2, Duration.ofMillis(300));

        assertTrue(outcome.requests() > 0);
        assertEquals(outcome.requests(), outcome.latencies().count());
    }

    @Test
    void fixedRateSendsRateTimesSecondsRequests() throws Exception {
        AdmissionLoad.Outcome outcome =
                new AdmissionLoad(tls, "/mutate", REQUEST).fixedRate(endpoint.port(), 2, 40, Duration.ofSeconds(1));

        assertEquals(40, outcome.requests());
        assertEquals(40, outcome.latencies().count());
    }
}
