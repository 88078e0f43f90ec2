package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Duration;
import java.time.Instant;

/**
 * Playbooks 1 and 2, step 5/8: the playbook allows the exchange; the keystore makes the new key pair the alias's
 * active one and archives the old one for at least {@code minimumRetention}.
 */
public record KeyPairExchangeDecided(RenewalId renewalId, String alias, CertificateRef newCertificate,
                                     CertificateRef oldCertificate, Duration minimumRetention, Instant at)
        implements RenewalEvent {

    public KeyPairExchangeDecided {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(newCertificate, "newCertificate");
        Require.present(minimumRetention, "minimumRetention");
        Require.present(at, "at");
    }
}
