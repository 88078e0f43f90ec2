package io.keyrenewal.keystore;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.keystore.KeyPairDiscarded;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An aborted renewal: its staged key pair discarded, the active one kept.
 * Runs in the context all the service's test classes share ({@link KeystoreServiceContext}).
 */
class KeyPairDiscardTest extends KeystoreServiceContext {

    @Test
    void discardsTheStagedKeyWhenTheRenewalIsAbortedAndReportsNoneWhenThereIsNone() throws Exception {
        X509Certificate active = certificateInFile("hooli-sign");
        KeyPairGenerated generated = startSigningRenewal("hooli-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH);
        RenewalAborted aborted = new RenewalAborted(generated.renewalId(), "hooli-sign", new PartnerId("acme"),
                "partner unreachable", "tenant-admin", generated.certificate().ref(), Instant.now());
        String messageId = publish(aborted);

        KeystoreReport report = awaitReports(messageId, 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeyPairDiscarded.class,
                discarded -> assertThat(discarded.discarded()).isEqualTo(generated.certificate().ref()));
        assertThat(entriesOf("hooli-sign")).containsExactly("hooli-sign");
        assertThat(certificateInFile("hooli-sign").getEncoded()).isEqualTo(active.getEncoded());
        publish(messageId, aborted);
        assertThat(awaitReports(messageId, 2).get(1)).isEqualTo(report);
        assertThat(historyFromApi(generated.certificate().sha256().value()))
                .extracting(change -> change.get("state").asText()).containsExactly("STAGED", "REMOVED");

        RenewalAborted early = new RenewalAborted(RenewalId.random(), "hooli-sign", new PartnerId("acme"),
                "changed our mind", "tenant-admin", null, Instant.now());
        assertThat(awaitReports(publish(early), 1).get(0)).isInstanceOfSatisfying(KeyPairDiscarded.class,
                discarded -> assertThat(discarded.discarded()).isNull());

        KeyPairGenerated unnamed = startSigningRenewal("hooli-sign",
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH);
        RenewalAborted withoutName = new RenewalAborted(unnamed.renewalId(), "hooli-sign", new PartnerId("acme"),
                "partner unreachable", "tenant-admin", null, Instant.now());
        assertThat(awaitReports(publish(withoutName), 1).get(0)).isInstanceOfSatisfying(KeyPairDiscarded.class,
                discarded -> assertThat(discarded.discarded()).isEqualTo(unnamed.certificate().ref()));
        assertThat(entriesOf("hooli-sign")).containsExactly("hooli-sign");
        assertThat(certificateInFile("hooli-sign").getEncoded()).isEqualTo(active.getEncoded());
    }

    @Test
    void keepsTheActiveKeyOfAnAbortedPlaybookThreeRenewalThatNamesNoStagedKey() throws Exception {
        RenewalStarted started = renewalStarted("soylent-decrypt", KeyAlgorithm.EC_P256);
        KeyPairGenerated generated = (KeyPairGenerated) awaitReports(publish(started), 1).get(0);

        KeystoreReport report = awaitReports(publish(new RenewalAborted(started.renewalId(), "soylent-decrypt",
                started.partnerId(), "partner unreachable", "tenant-admin", null, Instant.now())), 1).get(0);

        assertThat(report).isInstanceOfSatisfying(KeyPairDiscarded.class,
                discarded -> assertThat(discarded.discarded()).isNull());
        assertThat(Fingerprint.sha256Of(certificateInFile("soylent-decrypt").getEncoded()))
                .isEqualTo(generated.certificate().sha256());
    }
}
