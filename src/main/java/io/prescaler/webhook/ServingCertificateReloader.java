package io.prescaler.webhook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the mounted certificate and key and hands a new pair to the TLS layer when their contents change.
 *
 * <p>It compares contents, not modification times or inotify events: the kubelet rotates a Secret volume by
 * swapping a {@code ..data} symlink, which file watchers on the visible names do not report reliably. A pair
 * that does not load, or whose key does not match its certificate (a half-written rotation), is skipped and
 * retried at the next check while the previous pair keeps serving, so no request fails during a rotation.
 */
public final class ServingCertificateReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServingCertificateReloader.class);

    private final Path certFile;
    private final Path keyFile;
    private final Consumer<PemKeyStore> onChange;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tls-reload");
        thread.setDaemon(true);
        return thread;
    });
    private volatile byte[] loadedDigest = new byte[0];
    private volatile String lastFailure = "";

    public ServingCertificateReloader(Path certFile, Path keyFile, Consumer<PemKeyStore> onChange) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.onChange = onChange;
    }

    /** Loads the pair now; fails (naming the file) if it cannot, because a webhook without a pair is useless. */
    public PemKeyStore loadInitial() throws IOException, GeneralSecurityException {
        byte[] digest = digest();
        PemKeyStore pair = PemKeyStore.load(certFile, keyFile);
        loadedDigest = digest;
        return pair;
    }

    public void start(Duration interval) {
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One check: reload if the files changed and now hold a good pair. */
    void check() {
        try {
            byte[] digest = digest();
            if (Arrays.equals(digest, loadedDigest)) {
                return;
            }
            PemKeyStore pair = PemKeyStore.load(certFile, keyFile);
            onChange.accept(pair);
            loadedDigest = digest;
            lastFailure = "";
            LOG.info(
                    "serving certificate reloaded from {}: subject {}, valid until {}",
                    certFile,
                    pair.certificate().getSubjectX500Principal().getName(),
                    pair.certificate().getNotAfter().toInstant());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            String failure = e.toString();
            if (!failure.equals(lastFailure)) {
                // Logged once per distinct failure: a rotation in progress is normal, a lasting one is not.
                LOG.warn(
                        "certificate files {} and {} changed but cannot be loaded yet ({}); still serving the previous pair, retrying",
                        certFile,
                        keyFile,
                        failure);
                lastFailure = failure;
            }
        }
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
    public void close() {
        scheduler.shutdownNow();
    }
}
