package io.prescaler.certs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** The key types {@code certs} can create. ECDSA P-256 by default: small, fast, accepted by every client. */
public enum KeyAlgorithm {
    EC("SHA256withECDSA"),
    RSA("SHA256withRSA");

    private final String signatureAlgorithm;

    KeyAlgorithm(String signatureAlgorithm) {
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(name());
        if (this == EC) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }
}
