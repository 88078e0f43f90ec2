package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * Step 1 (and, in playbook 3, step 2): the keystore holds the new key pair under {@code alias}.
 *
 * @param previous the certificate of the key pair it renews, still retained for decryption; null if the alias
 *                 held none
 */
public record NewKeyPairCreated(RenewalId renewalId, String alias, CertificateInfo certificate,
                                CertificateRef previous, Instant at) implements RenewalEvent {

    public NewKeyPairCreated {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(certificate, "certificate");
        Require.present(at, "at");
    }
}
