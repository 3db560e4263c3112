package io.prescaler.certs;

import io.prescaler.tls.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** A CA and the serving certificate it signed, with the serving key. The CA key is never stored. */
public record WebhookCertificates(X509Certificate ca, X509Certificate serving, PrivateKey servingKey) {

    public static final String CA_FILE = "ca.crt";
    public static final String CERT_FILE = "tls.crt";
    public static final String KEY_FILE = "tls.key";

    public WebhookCertificates {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(servingKey, "servingKey");
    }

    public String caPem() {
        return Pem.of(ca);
    }

    public String certPem() {
        return Pem.of(serving);
    }

    public String keyPem() {
        return Pem.of(servingKey);
    }

    /** Writes ca.crt, tls.crt and tls.key (the key readable by its owner only, where the file system allows). */
    public void writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(CA_FILE), caPem(), StandardCharsets.US_ASCII);
        Files.writeString(directory.resolve(CERT_FILE), certPem(), StandardCharsets.US_ASCII);
        Path key = directory.resolve(KEY_FILE);
        Files.writeString(key, keyPem(), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the default permissions are what the user gets.
        }
    }
}
