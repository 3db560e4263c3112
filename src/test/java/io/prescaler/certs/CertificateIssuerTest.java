package io.prescaler.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.webhook.PemKeyStore;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateIssuerTest {

    private static final Instant NOW = Instant.parse("2026-03-29T01:30:00Z");
    private static final List<String> NAMES = ServiceNames.of("prescaler-webhook", "prescaler");

    @TempDir
    Path dir;

    private static WebhookCertificates issue(KeyAlgorithm algorithm) throws GeneralSecurityException {
        return new CertificateIssuer(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(365), algorithm).issue(NAMES);
    }

    private static void validate(X509Certificate ca, X509Certificate serving, Instant at) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(serving)), parameters);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void servingCertificateChainsToTheCa_underPkixValidation(KeyAlgorithm algorithm) throws Exception {
        WebhookCertificates issued = issue(algorithm);
        validate(issued.ca(), issued.serving(), NOW);
        validate(issued.ca(), issued.serving(), NOW.plus(Duration.ofDays(364)));
        assertThrows(
                CertPathValidatorException.class,
                () -> validate(issued.ca(), issued.serving(), NOW.plus(Duration.ofDays(366))));
    }

    @Test
    void servingCertificateIsNotTrustedByAnotherCa() throws Exception {
        WebhookCertificates one = issue(KeyAlgorithm.EC);
        WebhookCertificates other = issue(KeyAlgorithm.EC);
        assertThrows(CertPathValidatorException.class, () -> validate(other.ca(), one.serving(), NOW));
    }

    @Test
    void servingCertificateNamesTheServiceAndIsForServerAuthOnly() throws Exception {
        X509Certificate serving = issue(KeyAlgorithm.EC).serving();
        assertEquals(
                List.of(
                        "prescaler-webhook.prescaler.svc",
                        "prescaler-webhook.prescaler.svc.cluster.local",
                        "prescaler-webhook.prescaler",
                        "prescaler-webhook"),
                StoredCertificates.dnsNames(serving));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), serving.getExtendedKeyUsage());
        assertEquals(-1, serving.getBasicConstraints(), "not a CA");
        assertTrue(serving.getKeyUsage()[0], "digitalSignature");
    }

    @Test
    void notBeforeIsBackdatedAndNotAfterIsTheValidity() throws Exception {
        WebhookCertificates issued = issue(KeyAlgorithm.EC);
        assertEquals(
                NOW.minus(CertificateIssuer.BACKDATE),
                issued.serving().getNotBefore().toInstant());
        assertEquals(
                NOW.plus(Duration.ofDays(365)), issued.serving().getNotAfter().toInstant());
        assertEquals(0, issued.ca().getBasicConstraints(), "a CA that signs leaves only");
    }

    @Test
    void ipLiteralsBecomeIpSubjectAltNames() throws Exception {
        X509Certificate serving = new CertificateIssuer(Clock.systemUTC(), Duration.ofDays(1), KeyAlgorithm.EC)
                .issue(List.of("localhost", "127.0.0.1"))
                .serving();
        assertEquals(
                List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1")),
                serving.getSubjectAlternativeNames().stream().toList());
    }

    @Test
    void refusesAValidityShorterThanAnHour() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new CertificateIssuer(Clock.systemUTC(), Duration.ofMinutes(5), KeyAlgorithm.EC));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void writtenFilesLoadIntoAKeyStore_pkcs8(KeyAlgorithm algorithm) throws Exception {
        WebhookCertificates issued = issue(algorithm);
        issued.writeTo(dir);
        PemKeyStore loaded = PemKeyStore.load(dir.resolve("tls.crt"), dir.resolve("tls.key"));
        assertEquals(issued.serving(), loaded.certificate());
        assertTrue(Files.readString(dir.resolve("tls.key")).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void traditionalKeyFormatsLoadToo(KeyAlgorithm algorithm) throws Exception {
        WebhookCertificates issued = issue(algorithm);
        issued.writeTo(dir);
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(traditional(issued.servingKey(), algorithm));
        }
        Files.writeString(dir.resolve("tls.key"), text.toString());
        assertTrue(text.toString().startsWith("-----BEGIN " + algorithm.name() + " PRIVATE KEY-----"));
        assertEquals(
                issued.serving(),
                PemKeyStore.load(dir.resolve("tls.crt"), dir.resolve("tls.key")).certificate());
    }

    /** "RSA PRIVATE KEY" (PKCS#1) or "EC PRIVATE KEY" (SEC1 with the curve named inside), as openssl writes. */
    private static PemObject traditional(PrivateKey key, KeyAlgorithm algorithm) throws Exception {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        if (algorithm == KeyAlgorithm.RSA) {
            return new PemObject(
                    "RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded());
        }
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
        return new PemObject("EC PRIVATE KEY", new ECPrivateKey(256, inner.getKey(), curve).getEncoded());
    }

    @Test
    void refusesAKeyThatIsNotTheCertificates() throws Exception {
        issue(KeyAlgorithm.EC).writeTo(dir);
        Files.writeString(dir.resolve("tls.key"), issue(KeyAlgorithm.EC).keyPem());
        GeneralSecurityException e = assertThrows(
                GeneralSecurityException.class, () -> PemKeyStore.load(dir.resolve("tls.crt"), dir.resolve("tls.key")));
        assertTrue(e.getMessage().contains("is not the key of the certificate"), e.getMessage());
    }

    @Test
    void refusesAFileWithoutPrivateKey() throws Exception {
        WebhookCertificates issued = issue(KeyAlgorithm.EC);
        issued.writeTo(dir);
        Files.writeString(dir.resolve("tls.key"), issued.certPem());
        assertThrows(
                GeneralSecurityException.class, () -> PemKeyStore.load(dir.resolve("tls.crt"), dir.resolve("tls.key")));
    }
}
