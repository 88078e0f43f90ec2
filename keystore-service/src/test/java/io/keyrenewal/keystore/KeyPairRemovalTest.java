package io.keyrenewal.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.keystore.KeyPairExchangeApplied;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeyPairRemoved;
import io.keyrenewal.contracts.keystore.KeystoreOperationFailed;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairExchangeDecided;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The old key pair removed once the renewal decides so and its retention date passed by the keystore's clock.
 * Runs in the context all the service's test classes share ({@link KeystoreServiceContext}).
 */
class KeyPairRemovalTest extends KeystoreServiceContext {

    @Test
    void removesTheRetainedKeyWhenTheRenewalDecidesSoAndReportsItAgainWhenAskedTwice() throws Exception {
        RenewalStarted started = renewalStarted("umbrella-decrypt", KeyAlgorithm.EC_P256);
        KeyPairGenerated generated = (KeyPairGenerated) awaitReports(publish(started), 1).get(0);
        CertificateRef old = generated.previous();
        String retainedEntry = "umbrella-decrypt.retained." + old.serialNumber();
        assertThat(loadKeystoreFile().containsAlias(retainedEntry)).isTrue();

        OldKeyPairRemovalDecided decided = new OldKeyPairRemovalDecided(started.renewalId(), "umbrella-decrypt", old,
                Instant.now());
        KeystoreReport removed = awaitReports(publish(decided), 1).get(0);

        assertThat(removed).isInstanceOfSatisfying(KeyPairRemoved.class, report -> {
            assertThat(report.removed()).isEqualTo(old);
            assertThat(report.alias()).isEqualTo("umbrella-decrypt");
        });
        assertThat(entriesOf("umbrella-decrypt")).containsExactly("umbrella-decrypt");
        assertThat(Fingerprint.sha256Of(certificateInFile("umbrella-decrypt").getEncoded()))
                .isEqualTo(generated.certificate().sha256());

        KeystoreReport removedAgain = awaitReports(publish(decided), 1).get(0);
        assertThat(removedAgain).isInstanceOfSatisfying(KeyPairRemoved.class,
                report -> assertThat(report.removed()).isEqualTo(old));
    }

    @Test
    void refusesToRemoveTheCurrentKeyPairOfAnAlias() throws Exception {
        X509Certificate current = certificateInFile("hooli-decrypt");
        CertificateRef currentRef = new CertificateRef(Fingerprint.sha256Of(current.getEncoded()),
                current.getIssuerX500Principal().getName(), current.getSerialNumber().toString(16));
        OldKeyPairRemovalDecided decided = new OldKeyPairRemovalDecided(RenewalId.random(), "hooli-decrypt",
                currentRef, Instant.now());

        KeystoreReport report = awaitReports(publish(decided), 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeystoreOperationFailed.class, failed -> {
            assertThat(failed.operation()).isEqualTo("REMOVE");
            assertThat(failed.reason()).contains("current key pair");
        });
        assertThat(certificateInFile("hooli-decrypt").getEncoded()).isEqualTo(current.getEncoded());
    }

    @Test
    void reportsNothingRemovedWhenTheAliasHeldNoKeyPairBeforeTheRenewal() {
        OldKeyPairRemovalDecided decided = new OldKeyPairRemovalDecided(RenewalId.random(), "hooli-decrypt", null,
                Instant.now());

        KeystoreReport report = awaitReports(publish(decided), 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeyPairRemoved.class,
                removed -> assertThat(removed.removed()).isNull());
    }

    @Test
    void refusesToRemoveAnArchivedKeyBeforeItsRetentionDateByTheKeystoresClock() throws Exception {
        KeyPairGenerated generated = startSigningRenewal("umbrella-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH);
        KeyPairExchangeApplied applied = (KeyPairExchangeApplied) awaitReports(publish(new KeyPairExchangeDecided(
                generated.renewalId(), "umbrella-sign", generated.certificate().ref(), generated.previous(),
                Duration.ofDays(90), Instant.now())), 1).get(0);

        KeystoreReport report = awaitReports(publish(new OldKeyPairRemovalDecided(generated.renewalId(),
                "umbrella-sign", generated.previous(), Instant.now().plus(Duration.ofDays(365)))), 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeystoreOperationFailed.class, failed -> {
            assertThat(failed.operation()).isEqualTo("REMOVE");
            assertThat(failed.reason()).contains("retention not elapsed until " + applied.archivedUntil());
        });
        assertThat(entriesOf("umbrella-sign")).hasSize(2);
    }

    @Test
    void removesAnArchivedKeyOnceItsRetentionDateHasPassedAndKeepsItsHistory() throws Exception {
        KeyPairGenerated generated = startSigningRenewal("stark-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME);
        awaitReports(publish(new KeyPairExchangeDecided(generated.renewalId(), "stark-sign",
                generated.certificate().ref(), generated.previous(), Duration.ZERO, Instant.now())), 1);

        KeystoreReport report = awaitReports(publish(new OldKeyPairRemovalDecided(generated.renewalId(),
                "stark-sign", generated.previous(), Instant.now())), 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeyPairRemoved.class,
                removed -> assertThat(removed.removed()).isEqualTo(generated.previous()));
        assertThat(entriesOf("stark-sign")).containsExactly("stark-sign");
        List<JsonNode> history = historyFromApi(generated.previous().sha256().value());
        assertThat(history).extracting(change -> change.get("state").asText())
                .containsExactly("ACTIVE", "ARCHIVED", "REMOVED");
        assertThat(history).extracting(change -> change.get("kind").asText())
                .containsExactly("SEEDED", "ARCHIVED", "REMOVED");
        assertThat(history.get(2).get("renewalId").asText()).isEqualTo(generated.renewalId().value());
        assertThat(history.get(2).get("entryName").asText())
                .isEqualTo("stark-sign.retained." + generated.previous().serialNumber());
    }
}
