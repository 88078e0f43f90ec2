package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** The keystore discarded the staged key pair of an aborted renewal ({@code discarded} null: there was none). */
public record StagedKeyPairDiscarded(RenewalId renewalId, String alias, CertificateRef discarded, Instant at)
        implements RenewalEvent {

    public StagedKeyPairDiscarded {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(at, "at");
    }
}
