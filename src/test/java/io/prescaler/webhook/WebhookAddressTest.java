package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.prescaler.certs.KeyAlgorithm;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.MetricEncoding;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --address: every interface by default, as a pod needs; one address when told. */
class WebhookAddressTest {

    @TempDir
    Path dir;

    private WebhookServer start(String address) throws Exception {
        WebhookHarness.issue(KeyAlgorithm.EC).writeTo(dir);
        WebhookConfig config = new WebhookConfig(
                0,
                dir.resolve("tls.crt"),
                dir.resolve("tls.key"),
                MetricEncoding.DIRECT,
                AnnotationKeys.DEFAULT,
                ZoneId.of("Europe/Paris"),
                WebhookConfig.DEFAULT_MAX_BODY_BYTES,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                address);
        return new WebhookServer(config, Clock.systemUTC()).start();
    }

    /** An IPv4 address of this host other than loopback, if it has one. */
    private static Optional<InetAddress> otherAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address)
                .findFirst();
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void listensOnEveryInterfaceByDefault() throws Exception {
        Optional<InetAddress> other = otherAddress();
        try (WebhookServer server = start(WebhookConfig.ALL_INTERFACES)) {
            assertTrue(accepts(InetAddress.getLoopbackAddress(), server.port()));
            other.ifPresent(address -> assertTrue(accepts(address, server.port()), address.toString()));
        }
    }

    @Test
    void listensOnlyOnTheAddressGiven() throws Exception {
        Optional<InetAddress> other = otherAddress();
        assumeTrue(other.isPresent(), "this host has no address but loopback");
        try (WebhookServer server = start("127.0.0.1")) {
            assertTrue(accepts(InetAddress.getByName("127.0.0.1"), server.port()));
            assertFalse(accepts(other.get(), server.port()), other.get().toString());
        }
    }
}
