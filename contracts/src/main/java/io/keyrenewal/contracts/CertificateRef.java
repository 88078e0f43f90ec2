package io.keyrenewal.contracts;

/** Names a certificate the way a WS-Security message does: issuer and serial number, and its SHA-256 thumbprint. */
public record CertificateRef(Fingerprint sha256, String issuer, String serialNumber) {

    public CertificateRef {
        Require.present(sha256, "sha256");
        Require.text(issuer, "issuer");
        Require.text(serialNumber, "serialNumber");
    }
}
