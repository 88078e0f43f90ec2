package io.keyrenewal.keystore.seed;

import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.SelfSignedKeyPairIssuer;
import io.keyrenewal.keystore.history.EntryHistory;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.TenantKeystore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Gives every seed alias without a key pair an initial one, before the service starts consuming renewal events. */
@Component
class SeedKeyPairs implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SeedKeyPairs.class);

    private final SeedProperties properties;
    private final SelfSignedKeyPairIssuer issuer;
    private final TenantKeystore keystore;
    private final EntryHistory history;

    SeedKeyPairs(SeedProperties properties, SelfSignedKeyPairIssuer issuer, TenantKeystore keystore,
                 EntryHistory history) {
        this.history = history;
        this.properties = properties;
        this.issuer = issuer;
        this.keystore = keystore;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String requested : properties.seedAliases()) {
            KeystoreAlias alias = KeystoreAlias.of(requested);
            if (keystore.current(alias).isEmpty()) {
                IssuedKeyPair keyPair = issuer.issue(alias.value(), KeyAlgorithm.DEFAULT);
                keystore.install(alias, keyPair);
                history.seeded(alias, keyPair.publicCertificate());
                log.info("Seeded alias '{}' with a {} key pair, certificate sha256 {}", alias, KeyAlgorithm.DEFAULT,
                        keyPair.publicCertificate().fingerprint());
            }
        }
    }
}
