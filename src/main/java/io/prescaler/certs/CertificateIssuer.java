package io.prescaler.certs;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Creates a fresh CA and a serving certificate signed by it (BouncyCastle). The serving certificate carries the
 * names as subjectAltNames (CN is ignored by modern clients, the API server included), the serverAuth usage, and a
 * notBefore set back a little so that a node whose clock lags still accepts it.
 */
public final class CertificateIssuer {

    /** How far notBefore is set back. */
    public static final Duration BACKDATE = Duration.ofHours(1);

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    private final Clock clock;
    private final Duration validity;
    private final KeyAlgorithm algorithm;
    private final SecureRandom random = new SecureRandom();

    public CertificateIssuer(Clock clock, Duration validity, KeyAlgorithm algorithm) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validity = Objects.requireNonNull(validity, "validity");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        if (validity.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("--validity must be at least 1h, got " + validity);
        }
    }

    /**
     * A CA and a serving certificate for these names; the first is also the subject CN. Names that are IP
     * literals become IP subjectAltNames, the others DNS ones.
     */
    public WebhookCertificates issue(List<String> names) throws GeneralSecurityException {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a serving certificate needs at least one DNS name");
        }
        Instant now = clock.instant();
        Date notBefore = Date.from(now.minus(BACKDATE));
        Date notAfter = Date.from(now.plus(validity));
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            KeyPair caKeys = algorithm.generate();
            X500Name caName = name("prescaler-webhook-ca@" + now.getEpochSecond());
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(
                            caName, serial(), notBefore, notAfter, caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCertificate = sign(ca, caKeys);

            KeyPair servingKeys = algorithm.generate();
            int usage = KeyUsage.digitalSignature | (algorithm == KeyAlgorithm.RSA ? KeyUsage.keyEncipherment : 0);
            X509v3CertificateBuilder serving = new JcaX509v3CertificateBuilder(
                            caCertificate, serial(), notBefore, notAfter, name(names.get(0)), servingKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, subjectAltNames(names))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(servingKeys.getPublic()))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(caCertificate));
            return new WebhookCertificates(caCertificate, sign(serving, caKeys), servingKeys.getPrivate());
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the certificates: " + e.getMessage(), e);
        }
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(
                        new JcaContentSignerBuilder(algorithm.signatureAlgorithm()).build(signer.getPrivate())));
    }

    private static GeneralNames subjectAltNames(List<String> names) {
        List<GeneralName> general = new ArrayList<>();
        for (String name : names) {
            general.add(
                    isIpLiteral(name)
                            ? new GeneralName(GeneralName.iPAddress, name)
                            : new GeneralName(GeneralName.dNSName, name));
        }
        return new GeneralNames(general.toArray(new GeneralName[0]));
    }

    static boolean isIpLiteral(String name) {
        if (!IP_LITERAL.matcher(name).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(name);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static X500Name name(String commonName) {
        // A CN is limited to 64 characters; the SANs carry the full names anyway.
        String cn = commonName.length() > 64 ? commonName.substring(0, 64) : commonName;
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
    }

    private BigInteger serial() {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }
}
