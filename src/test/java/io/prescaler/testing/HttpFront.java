package io.prescaler.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A small HTTP server in front of a real one, for what a healthy Prometheus never does: it records every request's
 * headers (to check the bearer token and tenant header sent), and forwards to the upstream under a path prefix (as
 * Mimir's {@code /prometheus}), or answers a fixed status and body (a 503 of an overloaded query frontend), or
 * answers late (a timeout).
 */
public final class HttpFront implements AutoCloseable {

    /** One request as received. */
    public record Received(String method, String path, Headers headers, String body) {}

    private final HttpServer server;
    private final String scheme;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile URI upstream;
    private volatile String prefix = "";
    private volatile int status;
    private volatile String body = "";
    private volatile Duration delay = Duration.ZERO;

    private HttpFront() throws IOException {
        this(null);
    }

    /** Over HTTPS with this server context when not null. */
    private HttpFront(SSLContext tls) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(loopback, 0);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        scheme = tls == null ? "http" : "https";
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "http-front");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Forwards every request whose path starts with {@code prefix} to {@code upstream}, the prefix removed. */
    public static HttpFront forwarding(URI upstream, String prefix) throws IOException {
        HttpFront front = new HttpFront();
        front.upstream = upstream;
        front.prefix = prefix;
        return front;
    }

    /** Forwards as {@link #forwarding} over HTTPS, serving the certificate and key of {@code tls}. */
    public static HttpFront forwardingOverHttps(URI upstream, String prefix, SSLContext tls) throws IOException {
        HttpFront front = new HttpFront(tls);
        front.upstream = upstream;
        front.prefix = prefix;
        return front;
    }

    /** Answers every request with this status and body. */
    public static HttpFront answering(int status, String body) throws IOException {
        HttpFront front = new HttpFront();
        front.status = status;
        front.body = body;
        return front;
    }

    /** Waits this long before answering. */
    public HttpFront delayedBy(Duration wait) {
        this.delay = wait;
        return this;
    }

    public URI url() {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + prefix);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(),
                    requestBody));
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (upstream == null) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            if (!path.startsWith(prefix)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            forward(exchange, path.substring(prefix.length()), requestBody);
        }
    }

    private void forward(HttpExchange exchange, String path, String requestBody) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) upstream.resolve(path).toURL().openConnection();
        connection.setRequestMethod(exchange.getRequestMethod());
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null) {
            connection.setRequestProperty("Content-Type", type);
        }
        if (!requestBody.isEmpty()) {
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(requestBody.getBytes(StandardCharsets.UTF_8));
            }
        }
        int code = connection.getResponseCode();
        byte[] answer;
        try (InputStream in = code >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            answer = in == null ? new byte[0] : in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, answer.length == 0 ? -1 : answer.length);
        exchange.getResponseBody().write(answer);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
