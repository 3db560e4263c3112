package io.prescaler.webhook;

import io.prescaler.tls.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A serving key pair read from PEM files (as a {@code kubernetes.io/tls} Secret mounts them) into a
 * {@link KeyStore}. RSA and EC keys, PKCS#8 or traditional ("RSA PRIVATE KEY", "EC PRIVATE KEY"); the
 * certificate file may hold the chain. The key must belong to the first certificate.
 */
public record PemKeyStore(KeyStore keyStore, X509Certificate certificate) {

    public static final String ALIAS = "serving";
    /** The in-memory store's password; the store never leaves the process. */
    public static final char[] PASSWORD = "prescaler".toCharArray();

    public static PemKeyStore load(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = Pem.certificates(Files.readString(certFile, StandardCharsets.US_ASCII));
        if (chain.isEmpty()) {
            throw new GeneralSecurityException(certFile + " holds no PEM certificate");
        }
        PrivateKey key = Pem.privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile);
        if (!Pem.belongsTo(key, chain.get(0).getPublicKey())) {
            throw new GeneralSecurityException(keyFile + " is not the key of the certificate in " + certFile);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, key, PASSWORD, chain.toArray(new Certificate[0]));
        return new PemKeyStore(store, chain.get(0));
    }
}
