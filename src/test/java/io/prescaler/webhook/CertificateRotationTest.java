package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.certs.KeyAlgorithm;
import io.prescaler.certs.WebhookCertificates;
import io.prescaler.schedule.MetricEncoding;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation as the kubelet does it (files behind a {@code ..data} symlink swapped atomically) and as a careless
 * script does it (files rewritten in place, key first), while a client keeps calling with a fresh TLS handshake
 * per request: zero failed requests, and the new certificate is served.
 */
class CertificateRotationTest {

    @TempDir
    Path volume;

    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<X509Certificate> lastServed = new AtomicReference<>();

    @Test
    void picksUpRotatedFilesWithoutFailedRequests() throws Exception {
        WebhookCertificates first = WebhookHarness.issue(KeyAlgorithm.EC);
        WebhookCertificates second = WebhookHarness.issue(KeyAlgorithm.RSA);
        WebhookCertificates third = WebhookHarness.issue(KeyAlgorithm.EC);
        mountAtomically(first, "..2026_03_02_12_00_00.000000001");
        byte[] review = Files.readAllBytes(Path.of("src/test/resources/io/prescaler/webhook/create-cpu.json"));
        // The client trusts all three CAs, as the caBundle holds old and new CA during a rotation.
        SSLContext trust = WebhookHarness.trusting(first.ca(), second.ca(), third.ca());
        try (WebhookServer server = WebhookHarness.start(volume, MetricEncoding.DIRECT, Duration.ofMillis(100))) {
            Thread caller = new Thread(() -> callUntilInterrupted(trust, server.port(), review), "caller");
            caller.start();
            try {
                awaitServed(first.serving());

                mountAtomically(second, "..2026_03_02_13_00_00.000000002");
                awaitServed(second.serving());

                // In place and not atomic: the key changes before the certificate; in between the pair does not
                // match and must not be loaded.
                Files.writeString(volume.resolve("..data/tls.key"), third.keyPem());
                Thread.sleep(300);
                Files.writeString(volume.resolve("..data/tls.crt"), third.certPem());
                awaitServed(third.serving());
                // A slow machine makes fewer calls in the same time: wait for them rather than count what came.
                awaitCalls(10);
            } finally {
                caller.interrupt();
                caller.join();
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(calls.get() >= 10, "calls made: " + calls.get());
    }

    /** The kubelet's AtomicWriter: a timestamped directory, a ..data symlink swapped by rename, stable links. */
    private void mountAtomically(WebhookCertificates certificates, String timestamped) throws Exception {
        Path dir = volume.resolve(timestamped);
        certificates.writeTo(dir);
        Path tmp = volume.resolve("..data_tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(timestamped));
        Files.move(tmp, volume.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (String file : List.of("ca.crt", "tls.crt", "tls.key")) {
            Path link = volume.resolve(file);
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, Path.of("..data", file));
            }
        }
    }

    private void awaitServed(X509Certificate expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!expected.equals(lastServed.get())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still serving " + lastServed.get().getSerialNumber() + ", expected "
                        + expected.getSerialNumber() + "; failures " + failures);
            }
            Thread.sleep(20);
        }
    }

    private void awaitCalls(int wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (calls.get() < wanted && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private void callUntilInterrupted(SSLContext trust, int port, byte[] review) {
        while (!Thread.currentThread().isInterrupted()) {
            try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket("localhost", port)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /mutate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                + "Connection: close\r\nContent-Length: " + review.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(review);
                out.flush();
                InputStream in = socket.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!answer.startsWith("HTTP/1.1 200") || !answer.contains("\"uid\":\"c0a1\"")) {
                    failures.add(answer.lines().findFirst().orElse("(empty answer)"));
                }
                lastServed.set((X509Certificate) socket.getSession().getPeerCertificates()[0]);
                calls.incrementAndGet();
            } catch (Exception e) {
                if (!Thread.currentThread().isInterrupted()) {
                    failures.add(e.toString());
                }
            }
        }
    }
}
