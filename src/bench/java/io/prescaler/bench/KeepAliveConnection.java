package io.prescaler.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTPS/1.1 keep-alive connection that POSTs the same body again and again, on a blocking {@link SSLSocket}.
 *
 * <p>A raw socket rather than {@code java.net.http.HttpClient}: on a 2-core machine the client shares the cores with
 * the server, and HttpClient's selector thread and executor hand-offs would cost about as much CPU as the server
 * does, flattening the difference the benchmark is there to show. Here a request costs one write and a few reads.
 * The server's certificate is verified against the CA and the host name, as the API server does.
 */
final class KeepAliveConnection implements AutoCloseable {

    private final SSLSocket socket;
    private final OutputStream out;
    private final HttpResponseReader response;
    private final byte[] request;

    KeepAliveConnection(SSLContext tls, int port, String path, byte[] body) throws IOException {
        this.socket = (SSLSocket) tls.getSocketFactory().createSocket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(30_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        this.response = new HttpResponseReader(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
        byte[] head = ("POST " + path + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + port + "\r\n"
                        + "Content-Type: application/json\r\n"
                        + "Accept: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
    }

    /** Sends the request and reads the whole response; a status other than 200 is an error. */
    byte[] exchange() throws IOException {
        out.write(request);
        out.flush();
        response.read();
        return response.body();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
