package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** The keystore re-activated the old key pair; the partner is told. The renewal ends here. */
public record KeyPairRolledBack(RenewalId renewalId, String alias, PartnerId partnerId, PartnerRole recipient,
                                CertificateRef active, Instant at) implements RenewalEvent {

    public KeyPairRolledBack {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(partnerId, "partnerId");
        Require.present(recipient, "recipient");
        Require.present(active, "active");
        Require.present(at, "at");
    }
}
