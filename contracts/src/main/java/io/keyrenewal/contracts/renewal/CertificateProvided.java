package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The new certificate is provided to the partner's administrator ({@code recipient}); in playbook 3 the receiver is
 * told it may now encrypt with it. The notification service delivers it.
 *
 * @param respondBy when the partner's step this asks for counts as overdue (the renewal reminds the partner then);
 *                  null where it asks no partner step now, and in events recorded before respond-by dates existed
 */
public record CertificateProvided(RenewalId renewalId, String alias, PartnerId partnerId, PartnerRole recipient,
                                  Playbook playbook, CertificateInfo certificate, Instant at, Instant respondBy)
        implements RenewalEvent {

    public CertificateProvided {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(partnerId, "partnerId");
        Require.present(recipient, "recipient");
        Require.present(playbook, "playbook");
        Require.present(certificate, "certificate");
        Require.present(at, "at");
    }

    /** Without a respond-by date (playbook 2 asks the sender nothing yet; events recorded before). */
    public CertificateProvided(RenewalId renewalId, String alias, PartnerId partnerId, PartnerRole recipient,
                               Playbook playbook, CertificateInfo certificate, Instant at) {
        this(renewalId, alias, partnerId, recipient, playbook, certificate, at, null);
    }
}
