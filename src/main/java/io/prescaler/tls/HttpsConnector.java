package io.prescaler.tls;

import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The webhook's HTTPS connector for Javalin's Jetty ({@code javalin.jetty.addConnector(connector::create)}): HTTP/1.1
 * over TLS 1.3 or 1.2 from an in-memory key store, no SNI or Host check, no {@code Server} header, idle connections
 * closed after {@code idleTimeout}, a request head (handshake, request line, headers) not in within {@code idleTimeout}
 * closed, request bodies slower than 1 KiB/s abandoned, a body over the limit refused before it is sent.
 *
 * <p>One piece of code so that the benchmark's bare HTTPS endpoint, the baseline the webhook is measured against,
 * serves with exactly the webhook's settings.
 */
public final class HttpsConnector {

    /** Below this rate a request body is abandoned: an AdmissionReview arrives in one go, a trickle is an attack. */
    private static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;

    private final SslContextFactory.Server tls = new SslContextFactory.Server();
    private final String host;
    private final int port;
    private final Duration idleTimeout;
    private final AtomicReference<ServerConnector> bound = new AtomicReference<>();

    /**
     * @param keyStore the serving key pair and its chain
     * @param password the key store's and the key's password
     * @param host the address to bind, or null for every interface
     * @param port the port to bind, 0 for any free one
     */
    public HttpsConnector(KeyStore keyStore, char[] password, String host, int port, Duration idleTimeout) {
        tls.setKeyStore(keyStore);
        tls.setKeyStorePassword(new String(password));
        tls.setKeyManagerPassword(new String(password));
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        tls.setSniRequired(false);
        this.host = host;
        this.port = port;
        this.idleTimeout = idleTimeout;
    }

    /** Builds the connector on Javalin's server and HTTP configuration; Javalin calls it once, at start. */
    public Connector create(Server server, HttpConfiguration http) {
        HttpConfiguration https = new HttpConfiguration(http);
        https.setSendServerVersion(false);
        https.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND);
        // Jetty would wait for the first body byte before calling the handler, so a body declared over the limit and
        // never sent got its 413 only at the idle timeout.
        https.setDelayDispatchUntilContent(false);
        // The API server checks the certificate itself; a Host/SNI mismatch check here would only turn a
        // port-forward or a test call into a 400.
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(
                server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout.toMillis());
        // The head of a request (handshake, request line, headers) must be in within the idle timeout too, however
        // it trickles: see RequestHeadDeadline.
        connector.addBean(new RequestHeadDeadline(connector.getScheduler(), idleTimeout));
        bound.set(connector);
        return connector;
    }

    /** The port actually bound (useful with port 0), -1 before the server started. */
    public int port() {
        ServerConnector connector = bound.get();
        return connector == null ? -1 : connector.getLocalPort();
    }

    /** Serves new TLS handshakes with this key pair; open connections keep theirs. */
    public void reload(KeyStore keyStore) {
        try {
            tls.reload(factory -> factory.setKeyStore(keyStore));
        } catch (Exception e) {
            throw new IllegalStateException("TLS context reload failed: " + e.getMessage(), e);
        }
    }
}
