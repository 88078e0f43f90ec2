package io.keyrenewal.keystore.store;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.PublicCertificate;

import java.util.List;
import java.util.Optional;

/**
 * The tenant keystore: key pairs under aliases. The entry named like the alias is its current key pair; a key pair
 * it renewed is retained beside it so both can decrypt, until a renewal removes it. Every change is durable and
 * atomic when the method returns; changes are applied one at a time. Reads expose public material only.
 */
public interface TenantKeystore {

    /**
     * Makes {@code keyPair} the current key pair of {@code alias}; the alias's previous current key pair, if any,
     * becomes a retained entry.
     *
     * @return the certificate of the key pair that was retained, empty if the alias had none
     */
    Optional<PublicCertificate> install(KeystoreAlias alias, IssuedKeyPair keyPair);

    /**
     * Removes the retained key pair of {@code alias} whose certificate is {@code certificate}.
     *
     * @throws RemovalRefused if {@code certificate} is the alias's current key pair
     */
    RetainedKeyRemoval removeRetained(KeystoreAlias alias, CertificateRef certificate);

    /** Every key entry, public part only, current ones before retained ones of the same alias. */
    List<KeystoreEntry> entries();

    Optional<KeystoreEntry> entry(String entryName);

    Optional<KeystoreEntry> current(KeystoreAlias alias);

    /** The entry, current or retained, whose certificate has this SHA-256 fingerprint. */
    Optional<KeystoreEntry> entryHolding(Fingerprint fingerprint);
}
