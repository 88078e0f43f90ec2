package io.keyrenewal.keystore.certificate;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** A freshly generated private key and its self-signed certificate. Stays inside the keystore service. */
public record IssuedKeyPair(PrivateKey privateKey, X509Certificate certificate) {

    public IssuedKeyPair {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    public PublicCertificate publicCertificate() {
        return new PublicCertificate(certificate);
    }

    @Override
    public String toString() {
        return "IssuedKeyPair[" + publicCertificate().fingerprint() + "]";
    }
}
