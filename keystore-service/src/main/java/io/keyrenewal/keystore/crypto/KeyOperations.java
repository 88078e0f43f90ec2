package io.keyrenewal.keystore.crypto;

import io.keyrenewal.keystore.certificate.CertificationRequests;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import io.keyrenewal.keystore.store.EntryState;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.KeystoreEntry;
import io.keyrenewal.keystore.store.TenantKeystore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.List;
import java.util.Locale;

/**
 * Runtime crypto for integration flows: signs with an alias's active key; decrypts with whichever active or archived
 * key of the alias the message names, so both keys decrypt during a renewal. Keys stay in the keystore. With a
 * partner's certificates (an alias of partner certificates, no private key): verifies a signature and encrypts, with
 * the active certificate or the one named, so old and new both work during a renewal.
 */
@Component
public class KeyOperations {

    private static final Logger log = LoggerFactory.getLogger(KeyOperations.class);
    /** What a partner's signature may be made with: RSA PKCS#1 v1.5 and ECDSA, SHA-2 digests. */
    static final List<String> SIGNATURE_ALGORITHMS = List.of("SHA256withRSA", "SHA384withRSA", "SHA512withRSA",
            "SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA");

    private final TenantKeystore keystore;

    public KeyOperations(TenantKeystore keystore) {
        this.keystore = keystore;
    }

    public SignatureResult sign(String requestedAlias, byte[] payload) {
        KeystoreAlias alias = KeystoreAlias.of(requestedAlias);
        KeystoreEntry active = keystore.current(alias).filter(entry -> !entry.isPartnerCertificate())
                .orElseThrow(() -> new UnknownKey("alias '" + alias + "' has no active key pair"));
        String algorithm = CertificationRequests.signatureAlgorithm(active.certificate());
        byte[] signature = keystore.withPrivateKey(alias, active.certificate().fingerprint(), (key, certificate) -> {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(payload);
            return signer.sign();
        });
        log.info("Signed {} bytes with the active key {} of alias '{}'", payload.length,
                active.certificate().fingerprint(), alias);
        return new SignatureResult(signature, algorithm, active.certificate().ref());
    }

    /**
     * @param algorithm {@code RSA-OAEP} (SHA-1, MGF1 SHA-1: WS-Security's rsa-oaep-mgf1p), {@code RSA-OAEP-256}
     *                  (SHA-256, MGF1 SHA-256) or {@code RSA1_5} (PKCS#1 v1.5)
     */
    public DecryptionResult decrypt(String requestedAlias, KeyIdentifier identifier, String algorithm,
                                    byte[] ciphertext) {
        KeystoreAlias alias = KeystoreAlias.of(requestedAlias);
        KeystoreEntry entry = keystore.entriesOf(alias).stream()
                .filter(found -> found.state() == EntryState.ACTIVE || found.state() == EntryState.ARCHIVED)
                .filter(found -> !found.isPartnerCertificate())
                .filter(found -> identifier.names(found.certificate()))
                .findFirst()
                .orElseThrow(() -> new UnknownKey("alias '" + alias + "' holds no active or archived key pair with "
                        + identifier));
        byte[] plaintext = keystore.withPrivateKey(alias, entry.certificate().fingerprint(), (key, certificate) -> {
            if (!(key instanceof RSAPrivateKey)) {
                throw new UnsupportedKeyUse("the key pair " + certificate.fingerprint() + " of alias '" + alias
                        + "' is " + certificate.keyAlgorithm() + ": decryption needs an RSA key pair");
            }
            Cipher cipher = cipher(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, key, parameters(algorithm));
            return cipher.doFinal(ciphertext);
        });
        log.info("Decrypted {} bytes with the {} key {} of alias '{}'", ciphertext.length, entry.state(),
                entry.certificate().fingerprint(), alias);
        return new DecryptionResult(plaintext, entry.certificate().ref());
    }

    /** A PKCS#10 request (PEM) for the staged or active key pair {@code entryName}, signed with its private key. */
    public String certificationRequest(String entryName) {
        KeystoreEntry entry = keystore.entry(entryName)
                .filter(found -> found.state() == EntryState.STAGED || found.state() == EntryState.ACTIVE)
                .filter(found -> !found.isPartnerCertificate())
                .orElseThrow(() -> new UnknownKey("the keystore has no staged or active entry named '" + entryName
                        + "'"));
        return keystore.withPrivateKey(KeystoreAlias.of(entry.alias()), entry.certificate().fingerprint(),
                CertificationRequests::pem);
    }

    /**
     * Verifies {@code signature} over {@code payload} with a partner certificate of the alias: the active one, or the
     * one {@code identifier} names (active, staged or archived: old and new during a renewal). A signature that does
     * not verify is an answer ({@code valid} false), not a refusal.
     *
     * @param algorithm a JCA name ({@code SHA256withRSA}, {@code SHA256withECDSA}, ...); null: the one that fits the
     *                  certificate's key, as {@link #sign} picks it
     */
    public VerificationResult verify(String requestedAlias, KeyIdentifier identifier, String algorithm,
                                     byte[] payload, byte[] signature) {
        KeystoreAlias alias = KeystoreAlias.of(requestedAlias);
        KeystoreEntry entry = partnerCertificate(alias, identifier);
        String used = algorithm == null ? CertificationRequests.signatureAlgorithm(entry.certificate()) : algorithm;
        if (!SIGNATURE_ALGORITHMS.contains(used)) {
            throw new UnsupportedKeyUse("unknown signature algorithm '" + used + "': use one of "
                    + String.join(", ", SIGNATURE_ALGORITHMS));
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(used);
            verifier.initVerify(entry.certificate().certificate().getPublicKey());
            verifier.update(payload);
            valid = verifier.verify(signature);
        } catch (java.security.InvalidKeyException wrongKey) {
            throw new UnsupportedKeyUse("the partner certificate " + entry.certificate().fingerprint() + " of alias '"
                    + alias + "' has an " + entry.certificate().keyAlgorithm() + " key: it cannot verify " + used);
        } catch (java.security.SignatureException malformed) {
            valid = false;
        } catch (java.security.GeneralSecurityException e) {
            throw new UnsupportedKeyUse("cannot verify with " + used + ": " + e.getMessage());
        }
        log.info("Verified {} bytes with the {} partner certificate {} of alias '{}': {}", payload.length,
                entry.state(), entry.certificate().fingerprint(), alias, valid ? "valid" : "NOT valid");
        return new VerificationResult(valid, used, entry.certificate().ref(), entry.state());
    }

    /**
     * Encrypts {@code plaintext} (typically a session key) to a partner certificate of the alias: the active one, or
     * the one {@code identifier} names; RSA certificates only, with the algorithms {@link #decrypt} takes.
     */
    public EncryptionResult encrypt(String requestedAlias, KeyIdentifier identifier, String algorithm,
                                    byte[] plaintext) {
        KeystoreAlias alias = KeystoreAlias.of(requestedAlias);
        KeystoreEntry entry = partnerCertificate(alias, identifier);
        PublicCertificate certificate = entry.certificate();
        if (!(certificate.certificate().getPublicKey() instanceof RSAPublicKey key)) {
            throw new UnsupportedKeyUse("the partner certificate " + certificate.fingerprint() + " of alias '" + alias
                    + "' is " + certificate.keyAlgorithm() + ": encryption needs an RSA certificate");
        }
        try {
            Cipher cipher = cipher(algorithm);
            cipher.init(Cipher.ENCRYPT_MODE, key, parameters(algorithm));
            byte[] ciphertext = cipher.doFinal(plaintext);
            log.info("Encrypted {} bytes to the {} partner certificate {} of alias '{}'", plaintext.length,
                    entry.state(), certificate.fingerprint(), alias);
            return new EncryptionResult(ciphertext, algorithm.toUpperCase(Locale.ROOT), certificate.ref());
        } catch (java.security.GeneralSecurityException e) {
            throw new UnsupportedKeyUse("cannot encrypt " + plaintext.length + " bytes with " + algorithm + " to the"
                    + " partner certificate " + certificate.fingerprint() + " (" + certificate.keyAlgorithm() + "): "
                    + e.getMessage());
        }
    }

    /** The alias's active partner certificate, or the one {@code identifier} names in whatever state. */
    private KeystoreEntry partnerCertificate(KeystoreAlias alias, KeyIdentifier identifier) {
        if (identifier == null) {
            return keystore.current(alias).filter(KeystoreEntry::isPartnerCertificate)
                    .orElseThrow(() -> new UnknownKey("alias '" + alias + "' has no active partner certificate"));
        }
        return keystore.entriesOf(alias).stream()
                .filter(KeystoreEntry::isPartnerCertificate)
                .filter(found -> identifier.names(found.certificate()))
                .findFirst()
                .orElseThrow(() -> new UnknownKey("alias '" + alias + "' holds no partner certificate with "
                        + identifier));
    }

    private static Cipher cipher(String algorithm) throws java.security.GeneralSecurityException {
        return switch (algorithm == null ? "" : algorithm.toUpperCase(Locale.ROOT)) {
            case "RSA-OAEP", "RSA-OAEP-256" -> Cipher.getInstance("RSA/ECB/OAEPPadding");
            case "RSA1_5" -> Cipher.getInstance("RSA/ECB/PKCS1Padding");
            default -> throw new UnsupportedKeyUse("unknown decryption algorithm '" + algorithm
                    + "': use RSA-OAEP, RSA-OAEP-256 or RSA1_5");
        };
    }

    private static java.security.spec.AlgorithmParameterSpec parameters(String algorithm) {
        return switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "RSA-OAEP" -> new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
                    PSource.PSpecified.DEFAULT);
            case "RSA-OAEP-256" -> new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                    PSource.PSpecified.DEFAULT);
            default -> null;
        };
    }
}
