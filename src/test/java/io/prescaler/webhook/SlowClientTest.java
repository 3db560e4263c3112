package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.certs.KeyAlgorithm;
import io.prescaler.certs.WebhookCertificates;
import io.prescaler.schedule.MetricEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients that send slowly, on raw TLS sockets to 127.0.0.1: each is cut off or answered within the bounds. */
class SlowClientTest {

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    static Path certDir;

    private static WebhookServer server;
    private static SSLContext tls;

    @BeforeAll
    static void start() throws Exception {
        WebhookCertificates certificates = WebhookHarness.issue(KeyAlgorithm.EC);
        certificates.writeTo(certDir);
        tls = WebhookHarness.trusting(certificates.ca());
        server = WebhookHarness.start(certDir, MetricEncoding.DIRECT, Duration.ofMinutes(1), IDLE_TIMEOUT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SSLSocket connect() throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port());
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        return socket;
    }

    @Test
    void closesAConnectionWhoseHeadersTrickleInSlowerThanTheIdleTimeoutAllows() throws Exception {
        try (SSLSocket slow = connect()) {
            OutputStream out = slow.getOutputStream();
            out.write("POST /mutate HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            // One header byte a second: never silent for the idle timeout, never done.
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 30; i++) {
                        Thread.sleep(1000);
                        out.write('X');
                        out.flush();
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server cut the connection: what this test waits for
                }
            });
            trickle.setDaemon(true);
            trickle.start();

            int read = readUntilClosed(slow.getInputStream());
            Duration open = Duration.ofNanos(System.nanoTime() - started);
            trickle.interrupt();

            assertTrue(read == -1, "closed, not answered");
            assertTrue(
                    open.compareTo(IDLE_TIMEOUT.plusSeconds(4)) < 0,
                    "closed after " + open + "; the head must be in within " + IDLE_TIMEOUT);
        }
    }

    @Test
    void answers413AtOnceToADeclaredOverLimitBodyThatIsNeverSent() throws Exception {
        try (SSLSocket client = connect()) {
            OutputStream out = client.getOutputStream();
            long started = System.nanoTime();
            out.write(("POST /mutate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + (WebhookConfig.DEFAULT_MAX_BODY_BYTES + 1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String status = statusLine(client.getInputStream());
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertTrue(status.startsWith("HTTP/1.1 413"), status);
            assertTrue(
                    waited.compareTo(IDLE_TIMEOUT) < 0,
                    "answered after " + waited + ", not after the idle timeout " + IDLE_TIMEOUT);
        }
    }

    @Test
    void servesKeepAliveRequestsThatArriveInTime() throws Exception {
        byte[] body = Files.readAllBytes(Path.of("webhook/samples/create-hpa.json"));
        try (SSLSocket client = connect()) {
            for (int i = 0; i < 3; i++) {
                client.getOutputStream()
                        .write(("POST /mutate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                        + "Content-Length: " + body.length + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().write(body);
                client.getOutputStream().flush();
                String status = statusLine(client.getInputStream());
                assertTrue(status.startsWith("HTTP/1.1 200"), status);
                skipResponse(client.getInputStream());
                // Quiet between requests for less than the idle timeout, but longer than a head may take in all:
                // an idle keep-alive connection is the idle timeout's to close, not the head deadline's.
                Thread.sleep(IDLE_TIMEOUT.toMillis() * 2 / 3);
            }
        }
    }

    @Test
    void reviewsSmallAdmissionsWhileEveryLargeSlotIsHeldAndTurnsAwayTheNextLargeOne() throws Exception {
        byte[] body = Files.readAllBytes(Path.of("webhook/samples/create-hpa.json"));
        List<SSLSocket> holders = new ArrayList<>();
        List<Thread> trickles = new ArrayList<>();
        try {
            // Every large slot taken by a body that declares 1 MiB and comes in at 2 KiB a second (above the
            // minimum data rate: each holds its slot for as long as it keeps sending).
            for (int i = 0; i < WebhookServer.ADMISSIONS_AT_ONCE; i++) {
                SSLSocket holder = connect();
                holders.add(holder);
                OutputStream out = holder.getOutputStream();
                out.write(head(1024 * 1024));
                out.flush();
                Thread trickle = new Thread(() -> {
                    try {
                        for (int second = 0; second < 20; second++) {
                            out.write(new byte[2048]);
                            out.flush();
                            Thread.sleep(1000);
                        }
                    } catch (IOException | InterruptedException closed) {
                        // the test is over, or the server cut the connection
                    }
                });
                trickle.setDaemon(true);
                trickle.start();
                trickles.add(trickle);
            }
            Thread.sleep(500);

            long started = System.nanoTime();
            String small;
            try (SSLSocket client = connect()) {
                client.getOutputStream().write(head(body.length));
                client.getOutputStream().write(body);
                client.getOutputStream().flush();
                small = statusLine(client.getInputStream());
            }
            Duration smallTook = Duration.ofNanos(System.nanoTime() - started);
            String large;
            try (SSLSocket client = connect()) {
                client.getOutputStream().write(head(1024 * 1024));
                client.getOutputStream().flush();
                large = statusLine(client.getInputStream());
            }

            assertTrue(small.startsWith("HTTP/1.1 200"), small);
            assertTrue(smallTook.compareTo(IDLE_TIMEOUT) < 0, "a small admission waited " + smallTook);
            assertTrue(large.startsWith("HTTP/1.1 429"), large);
        } finally {
            trickles.forEach(Thread::interrupt);
            for (SSLSocket holder : holders) {
                holder.close();
            }
        }
    }

    private static byte[] head(long contentLength) {
        return ("POST /mutate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + "Content-Length: "
                        + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static int readUntilClosed(InputStream in) {
        try {
            int c;
            do {
                c = in.read();
            } while (c != -1);
            return -1;
        } catch (IOException reset) {
            return -1;
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n' && c != -1; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().strip();
    }

    /** Reads headers and a Content-Length body. */
    private static void skipResponse(InputStream in) throws IOException {
        long length = 0;
        for (String header = statusLine(in); !header.isEmpty(); header = statusLine(in)) {
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).trim());
            }
        }
        in.readNBytes((int) length);
    }
}
