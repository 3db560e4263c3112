package io.prescaler.scaler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.prescaler.certs.CertificateIssuer;
import io.prescaler.certs.KeyAlgorithm;
import io.prescaler.certs.WebhookCertificates;
import io.prescaler.kube.ScaledObjectFacts;
import io.prescaler.scaler.api.ExternalScalerGrpc;
import io.prescaler.scaler.api.ScaledObjectRef;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The gRPC port over TLS from the webhook's certificate files, and the new pair served after a rotation. */
class ScalerTlsTest {

    private static final Instant OPEN = Instant.parse("2026-11-23T19:00:00Z");

    @TempDir
    Path dir;

    private static WebhookCertificates issue() throws Exception {
        return new CertificateIssuer(Clock.systemUTC(), Duration.ofDays(30), KeyAlgorithm.EC)
                .issue(List.of("localhost", "127.0.0.1"));
    }

    private static ScaledObjectDecider decider() {
        Object yaml = new Yaml().load(Fixtures.text(ScalerTlsTest.class, "web-evening.yaml"));
        ScaledObjectFacts web = ScaledObjectFacts.of(new ObjectMapper().valueToTree(yaml));
        return new ScaledObjectDecider(
                (namespace, name) -> Optional.of(web).filter(so -> so.key().equals(namespace + "/" + name)),
                (namespace, name) -> Optional.empty(),
                HpaReplicas.UNKNOWN,
                new AnnotationParser(AnnotationKeys.DEFAULT, ZoneId.of("Europe/Paris")),
                Clock.fixed(OPEN, ZoneOffset.UTC));
    }

    private static ScalerServer start(Path dir, Duration reload) throws Exception {
        ScaledObjectDecider decider = decider();
        ActiveStreams streams = new ActiveStreams(decider, Duration.ofMillis(250));
        return new ScalerServer(
                        new ScalerConfig(
                                0,
                                "127.0.0.1",
                                Optional.of(dir.resolve("tls.crt")),
                                Optional.of(dir.resolve("tls.key")),
                                reload),
                        new ExternalScalerService(decider, streams),
                        streams)
                .start();
    }

    private static ManagedChannel trusting(WebhookCertificates certificates, int port) throws Exception {
        TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder()
                .trustManager(new ByteArrayInputStream(certificates.caPem().getBytes(StandardCharsets.US_ASCII)));
        return Grpc.newChannelBuilderForAddress("localhost", port, credentials.build())
                .build();
    }

    private static ScaledObjectRef web() {
        return ScaledObjectRef.newBuilder().setNamespace("shop").setName("web").build();
    }

    @Test
    void servesTlsWithTheWebhooksCertificateFiles() throws Exception {
        WebhookCertificates certificates = issue();
        certificates.writeTo(dir);
        try (ScalerServer server = start(dir, Duration.ofHours(1))) {
            ManagedChannel channel = trusting(certificates, server.port());
            try {
                assertEquals(
                        25,
                        ExternalScalerGrpc.newBlockingStub(channel)
                                .withDeadlineAfter(20, TimeUnit.SECONDS)
                                .getMetrics(io.prescaler.scaler.api.GetMetricsRequest.newBuilder()
                                        .setScaledObjectRef(web())
                                        .setMetricName("prescaling-min-replicas")
                                        .build())
                                .getMetricValues(0)
                                .getMetricValue());
            } finally {
                channel.shutdownNow();
            }
            ManagedChannel plaintext = Grpc.newChannelBuilderForAddress(
                            "127.0.0.1", server.port(), InsecureChannelCredentials.create())
                    .build();
            try {
                assertThrows(StatusRuntimeException.class, () -> ExternalScalerGrpc.newBlockingStub(plaintext)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .isActive(web()));
            } finally {
                plaintext.shutdownNow();
            }
        }
    }

    @Test
    void servesTheNewPairAfterTheFilesAreRotated() throws Exception {
        WebhookCertificates first = issue();
        first.writeTo(dir);
        try (ScalerServer server = start(dir, Duration.ofMillis(100))) {
            WebhookCertificates second = issue();
            second.writeTo(dir);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean served = false;
            while (!served && System.nanoTime() < deadline) {
                ManagedChannel channel = trusting(second, server.port());
                try {
                    served = ExternalScalerGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .isActive(web())
                            .getResult();
                } catch (StatusRuntimeException notYet) {
                    Thread.sleep(100);
                } finally {
                    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
            }
            assertEquals(true, served, "a client trusting only the new CA is served");
        }
    }

    @Test
    void refusesAPortInUseNamingTheFlag() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ScaledObjectDecider decider = decider();
            ActiveStreams streams = new ActiveStreams(decider, Duration.ofMillis(250));
            ScalerServer server = new ScalerServer(
                    new ScalerConfig(
                            taken.getLocalPort(), "127.0.0.1", Optional.empty(), Optional.empty(), Duration.ofHours(1)),
                    new ExternalScalerService(decider, streams),
                    streams);
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, server::start);
            assertTrue(
                    e.getMessage()
                            .startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (--grpc-port): "),
                    e.getMessage());
            server.close();
        }
    }

    @Test
    void refusesToStartWithAKeyThatIsNotTheCertificates() throws Exception {
        issue().writeTo(dir);
        Path other = Files.createDirectory(dir.resolve("other"));
        issue().writeTo(other);
        Files.copy(other.resolve("tls.key"), dir.resolve("tls.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        java.security.GeneralSecurityException e =
                assertThrows(java.security.GeneralSecurityException.class, () -> start(dir, Duration.ofHours(1)));
        assertEquals(
                dir.resolve("tls.key") + " is not the key of the certificate in " + dir.resolve("tls.crt"),
                e.getMessage());
    }
}
