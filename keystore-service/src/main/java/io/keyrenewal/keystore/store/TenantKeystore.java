package io.keyrenewal.keystore.store;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.PublicCertificate;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The tenant keystore: key pairs under aliases, and partners' certificates under aliases of their own (trusted
 * certificates, no private key, with the same life). The entry named like the alias is its active key pair; staged key
 * pairs wait beside it for an exchange, archived ones are kept (until a retention date, if they have one) to decrypt
 * and to roll back to. Every change is durable and atomic when the method returns; changes of one alias are applied
 * one at a time. Reads expose public material only.
 */
public interface TenantKeystore {

    /**
     * Makes {@code keyPair} the active key pair of {@code alias} at once; the alias's previous active key pair, if
     * any, is archived without a retention date (playbook 3: both decrypt until a renewal removes the old one).
     *
     * @return the certificate of the key pair that was archived, empty if the alias had none
     */
    Optional<PublicCertificate> install(KeystoreAlias alias, IssuedKeyPair keyPair);

    /**
     * Stores {@code keyPair} as a staged entry of {@code alias}; the active key pair stays active.
     *
     * @return the certificate of the alias's active key pair, empty if it has none
     */
    Optional<PublicCertificate> stage(KeystoreAlias alias, IssuedKeyPair keyPair);

    /**
     * Gives the staged key pair whose certificate is {@code staged} the certificate chain a CA issued for it
     * ({@code chain}, leaf first, the leaf carrying the same public key); the entry is renamed after the leaf's serial
     * and stays staged. If the alias holds the leaf already, changes nothing.
     *
     * @return the entry that holds the leaf
     * @throws OperationRefused if the alias holds neither, {@code staged} is not staged or the keys differ
     */
    KeystoreEntry installChain(KeystoreAlias alias, Fingerprint staged, List<X509Certificate> chain);

    /**
     * Adds a partner's certificate to {@code alias} as a staged trusted-certificate entry
     * ({@code <alias>.staged.<serialHex>}, no private key), beside the active one if there is one. If the alias holds
     * the certificate already, in whatever state, changes nothing.
     *
     * @throws OperationRefused if the alias holds key pairs, or another certificate with the same serial number
     */
    PartnerCertificateAddition addPartnerCertificate(KeystoreAlias alias, X509Certificate certificate);

    /**
     * Makes the staged partner certificate {@code staged} the alias's active one and archives the active one until
     * {@code archiveUntil}, as {@link #exchange} does for key pairs.
     *
     * @throws OperationRefused if the alias has no such staged or active partner certificate, or holds key pairs
     */
    Exchange switchPartnerCertificate(KeystoreAlias alias, Fingerprint staged, Instant archiveUntil);

    /**
     * Removes the partner certificate {@code certificate} of {@code alias}: an archived one once its retention date
     * has passed by {@code now}, a staged one (never switched to) at once.
     *
     * @return the removed entry, empty if the alias holds no such certificate (any more)
     * @throws OperationRefused if it is the active one, its retention date is after {@code now}, or the alias holds
     *                          key pairs
     */
    Optional<KeystoreEntry> removePartnerCertificate(KeystoreAlias alias, Fingerprint certificate, Instant now);

    /**
     * Makes the staged key pair {@code staged} the active one and archives the active one until {@code archiveUntil}.
     * If {@code staged} is active already, reports that exchange again without changing anything.
     *
     * @throws OperationRefused if the alias has no such staged or active key pair
     */
    Exchange exchange(KeystoreAlias alias, Fingerprint staged, Instant archiveUntil);

    /**
     * Makes the archived key pair {@code reactivate} active again and archives {@code deactivate}. If
     * {@code reactivate} is active already, reports that rollback again without changing anything.
     *
     * @throws OperationRefused if {@code reactivate} is no longer retained or {@code deactivate} is not active
     */
    Rollback rollBack(KeystoreAlias alias, CertificateRef reactivate, CertificateRef deactivate);

    /**
     * Removes the staged key pair {@code staged} of {@code alias}.
     *
     * @return its certificate, empty if the alias holds no such staged key pair (any more)
     * @throws OperationRefused if {@code staged} is the alias's active or an archived key pair
     */
    Optional<PublicCertificate> discardStaged(KeystoreAlias alias, Fingerprint staged);

    /**
     * Removes the archived key pair of {@code alias} whose certificate is {@code certificate}.
     *
     * @param now the keystore's time, compared with the entry's retention date
     * @throws OperationRefused if {@code certificate} is not archived or its retention date is after {@code now}
     */
    RetainedKeyRemoval removeRetained(KeystoreAlias alias, CertificateRef certificate, Instant now);

    /**
     * One page of the key entries {@code query} asks for, public part only, by alias, then entry name (the active
     * entry first: it is named like the alias), from the index kept with the keys: no alias's keys are opened.
     */
    EntryPage entries(EntryQuery query);

    /** The entries of one alias; the active one before staged and archived ones. */
    List<KeystoreEntry> entriesOf(KeystoreAlias alias);

    Optional<KeystoreEntry> entry(String entryName);

    Optional<KeystoreEntry> current(KeystoreAlias alias);

    /** The entry of {@code alias}, in whatever state, whose certificate has this SHA-256 fingerprint. */
    Optional<KeystoreEntry> entryHolding(KeystoreAlias alias, Fingerprint fingerprint);

    /** The certificate chain of the entry, leaf first (one certificate for a self-signed key pair); empty if none. */
    List<PublicCertificate> chain(String entryName);

    /**
     * Runs {@code use} with the private key of the entry of {@code alias} whose certificate has
     * this SHA-256 fingerprint, inside the keystore service: the key is handed to {@code use} only, never returned.
     *
     * @throws OperationRefused if the alias has no such entry
     */
    <T> T withPrivateKey(KeystoreAlias alias, Fingerprint certificate, PrivateKeyUse<T> use);

    /** Something done with a private key that returns no key material. */
    @FunctionalInterface
    interface PrivateKeyUse<T> {
        T apply(java.security.PrivateKey key, PublicCertificate certificate)
                throws java.security.GeneralSecurityException;
    }
}
