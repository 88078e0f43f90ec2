package io.keyrenewal.contracts.alias;

import io.keyrenewal.contracts.Require;

import java.time.Instant;

/**
 * The certificate an alias of the tenant keystore uses now (its active entry), published by keystore-service on
 * {@code keystore.aliases.v1} (key: the alias; compacted, the latest record wins) after every change of the alias,
 * at least once. A consumer keeps the record of the highest {@code version} and ignores older ones.
 *
 * @param certificate the active entry's certificate; null when the alias holds no active entry
 * @param version     the alias's row version in the keystore: grows with every change of the alias
 * @param at          when the keystore made the change, by its clock
 */
public record AliasCertificate(String alias, AliasKind kind, CertificateSummary certificate, long version,
                               Instant at) {

    public AliasCertificate {
        Require.text(alias, "alias");
        Require.present(kind, "kind");
        Require.present(at, "at");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }
}
