package io.keyrenewal.keystore;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.keystore.KeyPairDiscarded;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.keystore.journal.KeyGenerationJournal;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.TenantKeystore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The renewal of a partner's certificate as the keystore takes part in it, over {@code renewal.events.v1} and
 * {@code keystore.reports.v1} in the service's shared test context: no key pair of the tenant's is generated, the
 * certificate the partner sent is imported as the alias's active partner certificate beside the one it replaces, and
 * that one is removed once the renewal decides so after the retention.
 */
class PartnerCertificateRenewalTest extends KeystoreServiceContext {

    private static final PartnerId ACME = new PartnerId("acme");

    @Autowired
    TenantKeystore keystore;
    @Autowired
    KeyGenerationJournal journal;

    @Test
    void generatesNothingWhenARenewalOfAPartnersCertificateStartsAndDiscardsNothingWhenItIsAborted() {
        RenewalStarted started = partnerCertificateRenewal("pcr-aborted");
        String startId = publish(started);

        KeystoreReport aborted = awaitReports(publish(new RenewalAborted(started.renewalId(), "pcr-aborted", ACME,
                "the partner never sent its certificate", "tenant-admin", null, Instant.now())), 1).get(0);

        assertThat(aborted).isInstanceOfSatisfying(KeyPairDiscarded.class,
                discarded -> assertThat(discarded.discarded()).isNull());
        // the start was handled before the abort (one renewal, one partition): it reported nothing
        assertThat(published.reportsAnswering(startId)).isEmpty();
        assertThat(published.deadLettersWithId(startId)).isEmpty();
        assertThat(keystore.entriesOf(KeystoreAlias.of("pcr-aborted"))).isEmpty();
        assertThat(journal.find(started.renewalId())).isEmpty();
    }

    /**
     * What renewal-service publishes when a renewal of the partner's certificate under {@code alias} starts: the keystore
     * reads its instruction {@code newKeyPair}, never the playbook.
     */
    private static RenewalStarted partnerCertificateRenewal(String alias) {
        return new RenewalStarted(RenewalId.random(), alias, ACME, Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH,
                Duration.ofDays(30), KeyAlgorithm.RSA_2048, Instant.now(), ExchangeApproval.TENANT_APPROVES, null,
                null, CertificateSource.SELF_SIGNED, KeyPairActivation.NONE, null);
    }
}
