package io.prescaler.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One plain HTTP/1.1 keep-alive connection that scrapes {@code /metrics} as Prometheus does: the same {@code
 * Accept} header Prometheus 2.x sends by default (OpenMetrics first, the text format admitted), the body read into
 * one buffer reused from scrape to scrape. A raw socket rather than the JDK's HttpClient, whose selector thread,
 * hand-offs and two copies of an 8 MB body cost more CPU than the exporter on a 2-core machine where both share
 * the cores (Prometheus runs elsewhere).
 */
final class ScrapeConnection implements AutoCloseable {

    /** Prometheus 2.x's default Accept header for a scrape. */
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private final Socket socket;
    private final OutputStream out;
    private final HttpResponseReader response;
    private final byte[] request;

    ScrapeConnection(int port, String path) throws IOException {
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(120_000);
        this.out = socket.getOutputStream();
        this.response = new HttpResponseReader(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        this.request = ("GET " + path + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + port + "\r\n"
                        + "Accept: " + PROMETHEUS_ACCEPT + "\r\n"
                        + "User-Agent: Prometheus/2.53.0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Scrapes once, reading the whole body; a status other than 200 is an error. @return the body's length */
    int scrape() throws IOException {
        out.write(request);
        out.flush();
        return response.read();
    }

    /** A copy of the last scrape's body. */
    byte[] body() {
        return response.body();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
