package io.keyrenewal.contracts.watch;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.alias.AliasKind;
import io.keyrenewal.contracts.alias.CertificateSummary;

import java.time.Instant;

/**
 * The watch of {@code alias} follows {@code certificate} from now on: the alias's first certificate, or the one that
 * replaced the certificate watched before (which the watch no longer follows).
 *
 * @param keystoreVersion the version of the keystore's {@code AliasCertificate} it learnt this from: an older record
 *                        arriving late is not watched
 */
public record CertificateWatched(String alias, AliasKind kind, CertificateSummary certificate, long keystoreVersion,
                                 Instant at) implements AliasWatchEvent {

    public CertificateWatched {
        Require.text(alias, "alias");
        Require.present(kind, "kind");
        Require.present(certificate, "certificate");
        Require.present(at, "at");
    }

    public CertificateWatched(String alias, AliasKind kind, CertificateSummary certificate, Instant at) {
        this(alias, kind, certificate, 0, at);
    }

    @Override
    public Fingerprint sha256() {
        return certificate.sha256();
    }
}
