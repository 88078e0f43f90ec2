package io.keyrenewal.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.keystore.KeyPairExchangeApplied;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeyPairRollbackApplied;
import io.keyrenewal.contracts.keystore.KeystoreOperationFailed;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.KeyPairExchangeDecided;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RollbackDecided;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staged key pair exchanged in, the old one archived for its retention, and the rollback to it while it is retained.
 * Runs in the context all the service's test classes share ({@link KeystoreServiceContext}).
 */
class KeyPairExchangeAndRollbackTest extends KeystoreServiceContext {

    @Test
    void exchangesTheStagedKeyInAndArchivesTheOldOneForTheMinimumRetentionOnlyOnce() throws Exception {
        KeyPairGenerated generated = startSigningRenewal("globex-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME);
        KeyPairExchangeDecided decided = new KeyPairExchangeDecided(generated.renewalId(), "globex-sign",
                generated.certificate().ref(), generated.previous(), Duration.ofDays(90), Instant.now());
        Instant before = Instant.now();
        String messageId = publish(decided);

        KeyPairExchangeApplied applied = (KeyPairExchangeApplied) awaitReports(messageId, 1).get(0);

        assertThat(applied.alias()).isEqualTo("globex-sign");
        assertThat(applied.activated()).isEqualTo(generated.certificate().ref());
        assertThat(applied.archived()).isEqualTo(generated.previous());
        assertThat(applied.archivedUntil()).isBetween(before.plus(Duration.ofDays(90)),
                Instant.now().plus(Duration.ofDays(90)));
        assertThat(Fingerprint.sha256Of(certificateInFile("globex-sign").getEncoded()))
                .isEqualTo(generated.certificate().sha256());
        String archivedEntry = "globex-sign.retained." + generated.previous().serialNumber();
        assertThat(entriesOf("globex-sign")).containsExactly("globex-sign", archivedEntry);
        JsonNode archived = entryFromApi(archivedEntry);
        assertThat(archived.get("state").asText()).isEqualTo("ARCHIVED");
        assertThat(Instant.parse(archived.get("retainedUntil").asText())).isEqualTo(applied.archivedUntil());

        publish(messageId, decided);
        assertThat(awaitReports(messageId, 2).get(1)).isEqualTo(applied);
        assertThat(entriesOf("globex-sign")).containsExactly("globex-sign", archivedEntry);
        assertThat(historyFromApi("globex-sign")).extracting(change -> change.get("state").asText())
                .containsExactly("STAGED", "ACTIVE");
    }

    @Test
    void refusesAnExchangeOfAKeyPairTheAliasNeverStaged() throws Exception {
        X509Certificate active = certificateInFile("wayne-sign");
        CertificateRef unknown = new CertificateRef(new Fingerprint("a".repeat(64)), "CN=nobody", "1f");
        KeyPairExchangeDecided decided = new KeyPairExchangeDecided(RenewalId.random(), "wayne-sign", unknown,
                null, Duration.ofDays(90), Instant.now());

        KeystoreReport report = awaitReports(publish(decided), 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeystoreOperationFailed.class, failed -> {
            assertThat(failed.operation()).isEqualTo("EXCHANGE");
            assertThat(failed.reason()).contains("no staged key pair");
        });
        assertThat(certificateInFile("wayne-sign").getEncoded()).isEqualTo(active.getEncoded());
    }

    @Test
    void rollsBackToTheArchivedKeyWhenTheRollbackIsDecidedAndRefusesOnceItIsNoLongerRetained() throws Exception {
        KeyPairGenerated generated = startSigningRenewal("initech-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH);
        CertificateRef fresh = generated.certificate().ref();
        CertificateRef old = generated.previous();
        awaitReports(publish(new KeyPairExchangeDecided(generated.renewalId(), "initech-sign", fresh, old,
                Duration.ZERO, Instant.now())), 1);
        RollbackDecided rollback = new RollbackDecided(generated.renewalId(), "initech-sign", old, fresh,
                "partner cannot verify the new signature", "tenant-admin", Instant.now());
        String messageId = publish(rollback);

        KeystoreReport report = awaitReports(messageId, 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeyPairRollbackApplied.class,
                applied -> assertThat(applied.reactivated()).isEqualTo(old));
        assertThat(Fingerprint.sha256Of(certificateInFile("initech-sign").getEncoded())).isEqualTo(old.sha256());
        assertThat(entryFromApi("initech-sign.retained." + fresh.serialNumber()).get("state").asText())
                .isEqualTo("ARCHIVED");
        publish(messageId, rollback);
        assertThat(awaitReports(messageId, 2).get(1)).isEqualTo(report);

        awaitReports(publish(new OldKeyPairRemovalDecided(generated.renewalId(), "initech-sign", fresh,
                Instant.now())), 1);
        RollbackDecided toRemoved = new RollbackDecided(generated.renewalId(), "initech-sign", fresh, old,
                "changed our mind", "tenant-admin", Instant.now());
        KeystoreReport refused = awaitReports(publish(toRemoved), 1).get(0);
        assertThat(refused).isInstanceOfSatisfying(KeystoreOperationFailed.class, failed -> {
            assertThat(failed.operation()).isEqualTo("ROLLBACK");
            assertThat(failed.reason()).contains("no longer retained");
        });
        assertThat(Fingerprint.sha256Of(certificateInFile("initech-sign").getEncoded())).isEqualTo(old.sha256());
    }
}
