package io.prescaler.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A serving key pair from PEM files (as a {@code kubernetes.io/tls} Secret mounts them) as a key manager whose pair
 * can be replaced while the server runs: {@link #reloadIfChanged()} loads the files again when their contents
 * changed, and new handshakes use the new pair; a pair that does not load (a rotation half-written) is refused and
 * the previous one keeps serving. For servers that take a {@link javax.net.ssl.KeyManager} (the gRPC scaler).
 */
public final class PemKeyManager extends X509ExtendedKeyManager {

    private static final char[] PASSWORD = "prescaler".toCharArray();

    private final Path certFile;
    private final Path keyFile;
    private final AtomicReference<X509ExtendedKeyManager> delegate = new AtomicReference<>();
    private volatile byte[] loadedDigest = new byte[0];
    private volatile X509Certificate certificate;

    private PemKeyManager(Path certFile, Path keyFile) {
        this.certFile = certFile;
        this.keyFile = keyFile;
    }

    /** Loads the pair now; fails naming the file when it cannot. */
    public static PemKeyManager load(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        PemKeyManager manager = new PemKeyManager(certFile, keyFile);
        manager.reload(manager.digest());
        return manager;
    }

    /**
     * Loads the files again if their contents changed.
     *
     * @return true when a new pair now serves
     * @throws IOException or GeneralSecurityException when the files changed but do not hold a good pair (the
     *     previous pair keeps serving)
     */
    public boolean reloadIfChanged() throws IOException, GeneralSecurityException {
        byte[] digest = digest();
        if (Arrays.equals(digest, loadedDigest)) {
            return false;
        }
        reload(digest);
        return true;
    }

    /** The certificate serving now. */
    public X509Certificate certificate() {
        return certificate;
    }

    private void reload(byte[] digest) throws IOException, GeneralSecurityException {
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
        store.setKeyEntry("serving", key, PASSWORD, chain.toArray(new Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, PASSWORD);
        X509ExtendedKeyManager manager = Arrays.stream(factory.getKeyManagers())
                .filter(X509ExtendedKeyManager.class::isInstance)
                .map(X509ExtendedKeyManager.class::cast)
                .findFirst()
                .orElseThrow(() -> new GeneralSecurityException("this JVM has no X.509 key manager"));
        delegate.set(manager);
        certificate = chain.get(0);
        loadedDigest = digest;
    }

    private byte[] digest() throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(certFile));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(keyFile));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.get().getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return delegate.get().chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.get().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate.get().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return delegate.get().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.get().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.get().getPrivateKey(alias);
    }
}
