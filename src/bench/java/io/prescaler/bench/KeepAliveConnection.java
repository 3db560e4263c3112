package io.prescaler.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
    private final InputStream in;
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
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
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
        String status = line();
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("unexpected response: " + status);
        }
        long length = -1;
        boolean chunked = false;
        boolean closing = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true;
            }
        }
        if (closing) {
            throw new IOException("the server closed the keep-alive connection");
        }
        if (chunked) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; ) {
                body.write(in.readNBytes(size));
                line();
                size = Integer.parseInt(line().split(";")[0].trim(), 16);
            }
            line();
            return body.toByteArray();
        }
        if (length < 0) {
            throw new IOException("response without Content-Length on a keep-alive connection");
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) {
            throw new EOFException("response body cut short");
        }
        return body;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
