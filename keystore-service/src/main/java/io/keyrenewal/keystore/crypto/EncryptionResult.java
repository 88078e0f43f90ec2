package io.keyrenewal.keystore.crypto;

import io.keyrenewal.contracts.CertificateRef;

/** What was encrypted to a partner certificate, how, and with which certificate (the partner decrypts with its key). */
public record EncryptionResult(byte[] ciphertext, String algorithm, CertificateRef certificate) {
}
