package io.prescaler.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads HTTP/1.1 responses off one keep-alive connection into a buffer kept from one response to the next: what a
 * scraper or an API server does with a body, without the extra copies a general client makes (at an 8 MB scrape,
 * the JDK's HttpClient kept two copies of it and spent more CPU than the exporter).
 */
final class HttpResponseReader {

    private final InputStream in;
    private byte[] body = new byte[64 * 1024];
    private int length;

    /** @param in the connection's input, buffered */
    HttpResponseReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads one whole response: a status other than 200 or a server closing the connection is an error.
     *
     * @return the body's length; the body is {@link #body()} until the next response
     */
    int read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("unexpected response: " + status);
        }
        long contentLength = -1;
        boolean chunked = false;
        boolean closing = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Long.parseLong(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true;
            }
        }
        if (closing) {
            throw new IOException("the server closed the keep-alive connection");
        }
        length = 0;
        if (chunked) {
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                append(size);
                line();
            }
            line();
            return length;
        }
        if (contentLength < 0) {
            throw new IOException("response without Content-Length on a keep-alive connection");
        }
        append((int) contentLength);
        return length;
    }

    /** A copy of the last response's body. */
    byte[] body() {
        return Arrays.copyOf(body, length);
    }

    private int chunkSize() throws IOException {
        return Integer.parseInt(line().split(";")[0].trim(), 16);
    }

    private void append(int size) throws IOException {
        if (length + size > body.length) {
            body = Arrays.copyOf(body, Math.max(length + size, body.length * 2));
        }
        int read = in.readNBytes(body, length, size);
        if (read != size) {
            throw new EOFException("response body cut short");
        }
        length += size;
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
}
