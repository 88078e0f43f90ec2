package io.keyrenewal.keystore.crypto;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.keystore.store.EntryState;

/**
 * Whether a signature verified, with which algorithm, and the partner certificate it was checked with.
 *
 * @param state the certificate's state in its alias: active, staged or archived (old and new during a renewal)
 */
public record VerificationResult(boolean valid, String algorithm, CertificateRef certificate, EntryState state) {
}
