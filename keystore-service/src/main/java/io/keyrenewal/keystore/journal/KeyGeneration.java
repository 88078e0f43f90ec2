package io.keyrenewal.keystore.journal;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.RenewalId;

/**
 * The key pair a renewal generated (or was about to store when the service stopped).
 *
 * @param previous the alias's key pair it renews, null if none
 */
public record KeyGeneration(RenewalId renewalId, String alias, Fingerprint certificate, CertificateRef previous) {
}
