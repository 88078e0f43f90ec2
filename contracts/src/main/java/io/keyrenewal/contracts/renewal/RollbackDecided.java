package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * Playbook 1, after the exchange and while the sender still verifies both: the old key pair becomes the alias's
 * active one again; the keystore carries it out.
 */
public record RollbackDecided(RenewalId renewalId, String alias, CertificateRef reactivate,
                              CertificateRef deactivate, String reason, String decidedBy, Instant at)
        implements RenewalEvent {

    public RollbackDecided {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(reactivate, "reactivate");
        Require.present(deactivate, "deactivate");
        Require.text(reason, "reason");
        Require.text(decidedBy, "decidedBy");
        Require.present(at, "at");
    }
}
