package io.keyrenewal.contracts.renewal;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;

/** The keystore removed the old key pair (null {@code removed}: there was none to remove). */
public record OldKeyPairRemoved(RenewalId renewalId, String alias, CertificateRef removed, Instant at)
        implements RenewalEvent {

    public OldKeyPairRemoved {
        Require.present(renewalId, "renewalId");
        Require.text(alias, "alias");
        Require.present(at, "at");
    }
}
