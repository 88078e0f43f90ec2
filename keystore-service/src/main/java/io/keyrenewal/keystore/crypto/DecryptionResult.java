package io.keyrenewal.keystore.crypto;

import io.keyrenewal.contracts.CertificateRef;

/** What a key pair decrypted, and which key pair it was. */
public record DecryptionResult(byte[] plaintext, CertificateRef certificate) {
}
