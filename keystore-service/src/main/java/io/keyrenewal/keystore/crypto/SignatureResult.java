package io.keyrenewal.keystore.crypto;

import io.keyrenewal.contracts.CertificateRef;

/** A signature made with an alias's active key, and the certificate that verifies it. */
public record SignatureResult(byte[] signature, String algorithm, CertificateRef certificate) {
}
