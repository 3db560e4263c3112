package io.prescaler.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prescaler.certs.CertificateIssuer;
import io.prescaler.certs.KeyAlgorithm;
import io.prescaler.certs.WebhookCertificates;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.MetricEncoding;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Certificates from our own {@code certs} code, a running webhook, and an HTTPS client that trusts only our CA. */
final class WebhookHarness {

    static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    static WebhookCertificates issue(KeyAlgorithm algorithm) throws Exception {
        return new CertificateIssuer(Clock.systemUTC(), Duration.ofDays(30), algorithm)
                .issue(List.of("localhost", "127.0.0.1"));
    }

    static WebhookServer start(Path dir, MetricEncoding encoding, Duration reloadInterval) throws Exception {
        return start(dir, encoding, reloadInterval, Duration.ofSeconds(1));
    }

    static WebhookServer start(Path dir, MetricEncoding encoding, Duration reloadInterval, Duration idleTimeout)
            throws Exception {
        WebhookConfig config = new WebhookConfig(
                0,
                dir.resolve("tls.crt"),
                dir.resolve("tls.key"),
                encoding,
                AnnotationKeys.DEFAULT,
                ZoneId.of("Europe/Paris"),
                WebhookConfig.DEFAULT_MAX_BODY_BYTES,
                idleTimeout,
                reloadInterval);
        return new WebhookServer(config, Clock.fixed(NOW, ZoneOffset.UTC)).start();
    }

    static SSLContext trusting(X509Certificate... cas) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < cas.length; i++) {
            trust.setCertificateEntry("ca" + i, cas[i]);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder()
                .sslContext(context)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static HttpResponse<String> post(HttpClient client, int port, byte[] body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/mutate"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private WebhookHarness() {}
}
