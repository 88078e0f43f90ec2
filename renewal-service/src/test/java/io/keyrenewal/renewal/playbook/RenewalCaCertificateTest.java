package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.CertificateRequestedFromCa;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.renewal.playbook.Commands.RecordCertificateSigningRequest;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairGenerated;
import io.keyrenewal.renewal.playbook.Commands.StartRenewal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.hamcrest.Matchers.containsString;

/** A renewal whose new certificate comes from the tenant's CA, and the subject and validity a renewal asks for. */
class RenewalCaCertificateTest {

    static final RenewalId RENEWAL = new RenewalId("r-ca");
    static final PartnerId ACME = new PartnerId("acme");
    static final String ALIAS = "acme-response-signer";
    static final String SUBJECT = "CN=acme-response-signer,O=Tenant AG,C=CH";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Instant REQUESTED = T0.plusSeconds(1);
    static final Instant ISSUED = T0.plus(Duration.ofDays(2));
    static final Duration GDT = Duration.ofDays(7);
    static final Playbook PLAYBOOK = Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH;
    static final String CSR = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n";
    static final Fingerprint PUBLIC_KEY = new Fingerprint("ef".repeat(32));
    static final CertificateInfo ISSUED_BY_CA = new CertificateInfo(
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", new Fingerprint("ab".repeat(32)),
            SUBJECT, "CN=Tenant Issuing CA,O=Tenant AG", "7f01", ISSUED, ISSUED.plus(Duration.ofDays(397)));
    static final CertificateRef OLD = new CertificateRef(new Fingerprint("cd".repeat(32)), "CN=" + ALIAS, "01");

    final RenewalStarted started = new RenewalStarted(RENEWAL, ALIAS, ACME, PLAYBOOK, GDT, KeyAlgorithm.EC_P256, T0,
            ExchangeApproval.TENANT_APPROVES, SUBJECT, 397, CertificateSource.CA);
    final CertificateRequestedFromCa requested = new CertificateRequestedFromCa(RENEWAL, ALIAS, "rep-1", SUBJECT, CSR,
            PUBLIC_KEY, REQUESTED);

    AggregateTestFixture<Renewal> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Renewal.class);
        fixture.registerInjectableResource(new RenewalTimings(Duration.ofDays(3)));
    }

    @Test
    void startsARenewalThatAsksTheCaForACertificateWithTheSubjectAndValidityGiven() {
        fixture.givenNoPriorActivity()
                .when(new StartRenewal(RENEWAL, ALIAS, ACME, PLAYBOOK, GDT, KeyAlgorithm.EC_P256,
                        ExchangeApproval.TENANT_APPROVES, SUBJECT, 397, CertificateSource.CA, T0))
                .expectEvents(started);
    }

    @Test
    void refusesASubjectThatIsNoDistinguishedName() {
        fixture.givenNoPriorActivity()
                .when(new StartRenewal(RENEWAL, ALIAS, ACME, PLAYBOOK, GDT, KeyAlgorithm.EC_P256,
                        ExchangeApproval.TENANT_APPROVES, "acme-response-signer", null, CertificateSource.CA, T0))
                .expectException(RenewalRefused.InvalidRenewalRequest.class)
                .expectExceptionMessage(containsString("subjectDn is not an X.500 distinguished name"))
                .expectNoEvents();
    }

    @Test
    void refusesAValidityOutsideOneDayToTenYears() {
        fixture.givenNoPriorActivity()
                .when(new StartRenewal(RENEWAL, ALIAS, ACME, PLAYBOOK, GDT, KeyAlgorithm.EC_P256,
                        ExchangeApproval.TENANT_APPROVES, null, 3651, CertificateSource.SELF_SIGNED, T0))
                .expectException(RenewalRefused.InvalidRenewalRequest.class)
                .expectExceptionMessage("validityDays must be between 1 and 3650 days, not 3651")
                .expectNoEvents();
    }

    @Test
    void recordsThatTheRenewalWaitsForTheCaWhenTheKeystoreRequestedTheCertificate() {
        fixture.given(started)
                .when(new RecordCertificateSigningRequest(RENEWAL, "rep-1", SUBJECT, CSR, PUBLIC_KEY, REQUESTED))
                .expectEvents(requested)
                .expectNoScheduledDeadlines();
    }

    @Test
    void ignoresTheSameCertificateRequestReportedAgain() {
        fixture.given(started, requested)
                .when(new RecordCertificateSigningRequest(RENEWAL, "rep-2", SUBJECT, CSR, PUBLIC_KEY,
                        REQUESTED.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void goesOnAsWithASelfSignedCertificateOnceTheKeystoreReportsTheCasCertificate() {
        fixture.given(started, requested)
                .when(new RecordKeyPairGenerated(RENEWAL, "rep-3", ISSUED_BY_CA, OLD, ISSUED))
                .expectEvents(new NewKeyPairCreated(RENEWAL, ALIAS, ISSUED_BY_CA, OLD, ISSUED),
                        new CertificateProvided(RENEWAL, ALIAS, ACME, PartnerRole.SENDER_ADMINISTRATOR, PLAYBOOK,
                                ISSUED_BY_CA, ISSUED, ISSUED.plus(Duration.ofDays(3))));
    }

    @Test
    void refusesACertificateRequestForARenewalThatAskedForASelfSignedCertificate() {
        fixture.given(new RenewalStarted(RENEWAL, ALIAS, ACME, PLAYBOOK, GDT, KeyAlgorithm.EC_P256, T0))
                .when(new RecordCertificateSigningRequest(RENEWAL, "rep-1", SUBJECT, CSR, PUBLIC_KEY, REQUESTED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("asked for a SELF_SIGNED certificate"))
                .expectNoEvents();
    }

    @Test
    void ignoresACertificateRequestReportedAfterTheRenewalWasAborted() {
        fixture.given(started, new RenewalAborted(RENEWAL, ALIAS, ACME, "CA unreachable", "tenant-admin", null, T0))
                .when(new RecordCertificateSigningRequest(RENEWAL, "rep-1", SUBJECT, CSR, PUBLIC_KEY, REQUESTED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
