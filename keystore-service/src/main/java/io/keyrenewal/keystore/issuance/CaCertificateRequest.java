package io.keyrenewal.keystore.issuance;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.RenewalId;

/**
 * A renewal's key pair that awaits (or got) its certificate from the tenant's CA.
 *
 * @param causationId     the {@code ce_id} of the {@code RenewalStarted} that asked for it; the imported
 *                        certificate's {@code KeyPairGenerated} answers it
 * @param staged          the self-signed certificate the key pair was staged with until the CA's arrives
 * @param publicKey       SHA-256 of the key pair's public key: the CA's certificate carries the same
 * @param activateOnIssue playbook 3: the key pair becomes the alias's active one once its certificate is imported
 * @param previous        the alias's active key pair when the renewal started, null if none
 * @param issued          the CA's certificate once imported, else null
 */
public record CaCertificateRequest(RenewalId renewalId, String alias, String causationId, Fingerprint staged,
                                   Fingerprint publicKey, String subject, String certificateSigningRequest,
                                   boolean activateOnIssue, CertificateRef previous, Fingerprint issued) {
}
