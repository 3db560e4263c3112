package io.prescaler.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * A bearer token read from a file, read again when the file changes (modification time or size): Kubernetes
 * rotates projected service-account tokens and Secret files in place, and a token read once at start-up would
 * expire under a long-running exporter.
 */
final class BearerToken {

    private final Path file;
    private FileTime readModified;
    private long readSize = -1;
    private String token;

    BearerToken(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The token as the file holds it now, surrounding whitespace removed. */
    synchronized String value() throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        if (token == null || !modified.equals(readModified) || size != readSize) {
            if (size > 64 * 1024) {
                throw new IOException("it holds " + size + " bytes, more than a token (64 KiB at most)");
            }
            String read = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (read.isEmpty()) {
                throw new IOException("it is empty");
            }
            if (read.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new IOException("it holds a space, a line break or a non-ASCII character inside the token");
            }
            token = read;
            readModified = modified;
            readSize = size;
        }
        return token;
    }

    Path file() {
        return file;
    }
}
