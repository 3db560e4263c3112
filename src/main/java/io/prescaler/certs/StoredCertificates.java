package io.prescaler.certs;

import io.prescaler.tls.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The certificates found in a {@code kubernetes.io/tls} Secret, and whether they can stay: only a complete,
 * consistent set that covers the service names and does not expire within the renewal margin is kept.
 *
 * @param ca the CA found, even when the set must be replaced (it stays in the caBundle during the rotation)
 * @param renewalReason why the set must be replaced; empty when it is good
 */
public record StoredCertificates(Optional<X509Certificate> ca, Optional<String> renewalReason) {

    public static final String TLS_TYPE = "kubernetes.io/tls";

    public boolean valid() {
        return renewalReason.isEmpty();
    }

    /** Checks a Secret's type and base64 data against the names and the instant. */
    public static StoredCertificates check(
            String type, Map<String, String> data, List<String> names, Instant now, Duration renewBefore) {
        Map<String, String> values = data == null ? Map.of() : data;
        Optional<X509Certificate> ca = first(values.get(WebhookCertificates.CA_FILE));
        if (!TLS_TYPE.equals(type)) {
            return new StoredCertificates(ca, Optional.of("the Secret has type " + type + ", not " + TLS_TYPE));
        }
        for (String key :
                List.of(WebhookCertificates.CA_FILE, WebhookCertificates.CERT_FILE, WebhookCertificates.KEY_FILE)) {
            if (values.get(key) == null || values.get(key).isEmpty()) {
                return new StoredCertificates(ca, Optional.of("the Secret has no " + key));
            }
        }
        Optional<X509Certificate> serving = first(values.get(WebhookCertificates.CERT_FILE));
        if (ca.isEmpty() || serving.isEmpty()) {
            return new StoredCertificates(ca, Optional.of("ca.crt or tls.crt holds no readable certificate"));
        }
        return new StoredCertificates(
                ca, reason(ca.get(), serving.get(), values.get(WebhookCertificates.KEY_FILE), names, now, renewBefore));
    }

    private static Optional<String> reason(
            X509Certificate ca,
            X509Certificate serving,
            String keyBase64,
            List<String> names,
            Instant now,
            Duration renewBefore) {
        Instant renewAt = now.plus(renewBefore);
        if (serving.getNotAfter().toInstant().isBefore(renewAt)
                || ca.getNotAfter().toInstant().isBefore(renewAt)) {
            return Optional.of("the certificate expires on "
                    + serving.getNotAfter().toInstant() + ", within --renew-before " + renewBefore);
        }
        if (serving.getNotBefore().toInstant().isAfter(now)) {
            return Optional.of("the certificate is not valid before "
                    + serving.getNotBefore().toInstant());
        }
        try {
            serving.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            return Optional.of("tls.crt is not signed by ca.crt");
        }
        List<String> missing = new ArrayList<>(names);
        missing.removeAll(dnsNames(serving));
        if (!missing.isEmpty()) {
            return Optional.of("the certificate does not cover " + String.join(", ", missing));
        }
        try {
            PrivateKey key = Pem.privateKey(decode(keyBase64), "tls.key");
            if (!Pem.belongsTo(key, serving.getPublicKey())) {
                return Optional.of("tls.key is not the key of tls.crt");
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of("tls.key holds no readable private key");
        }
        return Optional.empty();
    }

    static List<String> dnsNames(X509Certificate certificate) {
        List<String> found = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    found.add(String.valueOf(entry.get(1)));
                }
            }
        } catch (CertificateParsingException e) {
            // No readable names: the caller reports every name as missing.
        }
        return found;
    }

    /** Every certificate in a base64 PEM bundle (a caBundle, a ca.crt); empty when unreadable. */
    public static List<X509Certificate> bundle(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return List.of();
        }
        try {
            return Pem.certificates(decode(base64));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return List.of();
        }
    }

    private static Optional<X509Certificate> first(String base64) {
        return bundle(base64).stream().findFirst();
    }

    private static String decode(String base64) {
        return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.US_ASCII);
    }
}
