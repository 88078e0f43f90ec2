package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.OldKeyPairRemoved;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.renewal.playbook.Commands.AbortRenewal;
import io.keyrenewal.renewal.playbook.Commands.ConfirmPartnerStep;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairGenerated;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairRemoved;
import io.keyrenewal.renewal.playbook.Commands.RecordPartnerCertificateImported;
import io.keyrenewal.renewal.playbook.Commands.RemoveOldKeyPair;
import io.keyrenewal.renewal.playbook.Commands.StartRenewal;
import io.keyrenewal.renewal.support.PartnerKeys;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Playbook 6 (tenant verifies inbound request: the partner's new certificate), step for step and refusal for refusal;
 * {@link RenewalPlaybook7Test} runs them for playbook 7, the same steps with the receiver.
 */
class RenewalPlaybook6Test {

    static final RenewalId RENEWAL = new RenewalId("r-6");
    static final PartnerId ACME = new PartnerId("acme");
    static final String ALIAS = "acme-request-verify";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration GDT = Duration.ofDays(30);
    static final Duration REMINDER = Duration.ofDays(3);
    static final Instant SENT = T0.plus(Duration.ofHours(1));
    static final Instant IMPORTED = T0.plus(Duration.ofHours(2));
    static final Instant SWITCHED = T0.plus(Duration.ofHours(5));
    static final Instant RETAIN_UNTIL = SWITCHED.plus(Duration.ofDays(90));
    /** An EC certificate, as a partner whose signatures the tenant verifies may send. */
    static final String EC_PEM = PartnerKeys.certificate("CN=acme new signing key, O=ACME", SENT);
    /** An RSA certificate, as a partner the tenant encrypts to must send. */
    static final String RSA_PEM = PartnerKeys.certificate("CN=acme new encryption key, O=ACME", PartnerKeys.rsa(2048),
            SENT.minus(Duration.ofHours(1)), SENT.plus(Duration.ofDays(365)), false);
    static final CertificateRef OLD = new CertificateRef(new Fingerprint("cd".repeat(32)), "CN=acme old", "01");

    final PlaybookDefinition definition = Playbooks.of(playbook());
    final PartnerCertificateUse use = definition.partnerCertificateUse();
    final String pem = use == PartnerCertificateUse.ENCRYPT_TO_PARTNER ? RSA_PEM : EC_PEM;
    final CertificateInfo partnerCertificate = PartnerCertificateRules.check(pem, SENT, use);
    final RenewalStarted started = new RenewalStarted(RENEWAL, ALIAS, ACME, playbook(), GDT, KeyAlgorithm.EC_P256, T0,
            ExchangeApproval.TENANT_APPROVES, null, null, CertificateSource.DEFAULT, KeyPairActivation.NONE,
            Playbooks.CATALOGUE_VERSION, definition.partnerRole(), use);
    final PartnerCertificateRequested requested = new PartnerCertificateRequested(RENEWAL, ALIAS, ACME,
            definition.partnerRole(), playbook(), T0, T0.plus(REMINDER), ConfirmationType.NEW_CERTIFICATE, use);
    final PartnerCertificateReceived received = new PartnerCertificateReceived(RENEWAL, ALIAS, ACME, "c-cert",
            partnerCertificate, SENT, use);
    final PartnerCertificateImported imported = new PartnerCertificateImported(RENEWAL, ALIAS, ACME,
            definition.partnerRole(), playbook(), partnerCertificate.ref(), OLD, IMPORTED, IMPORTED.plus(REMINDER),
            ConfirmationType.SWITCHED_TO_NEW_KEY, use, null);
    final PartnerSwitchedToNewKey switched = new PartnerSwitchedToNewKey(RENEWAL, ACME, "c-switch", RETAIN_UNTIL,
            SWITCHED);

    AggregateTestFixture<Renewal> fixture;

    Playbook playbook() {
        return Playbook.TENANT_VERIFIES_INBOUND_REQUEST;
    }

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Renewal.class);
        fixture.registerInjectableResource(new RenewalTimings(REMINDER));
    }

    @Test
    void startsWithoutAKeyPairOfTheTenantsAndAsksThePartnerForItsNewCertificateAtOnce() {
        fixture.givenNoPriorActivity()
                .when(new StartRenewal(RENEWAL, ALIAS, ACME, playbook(), GDT, KeyAlgorithm.EC_P256, T0))
                .expectEvents(started, requested)
                .expectScheduledDeadlineWithName(T0.plus(REMINDER), Renewal.PARTNER_STEP_OVERDUE);
        assertThat(definition.newKeyPair()).isEqualTo(KeyPairActivation.NONE);
    }

    @Test
    void takesTheCertificateTheSignedConfirmationCarriesOnceItPassesTheChecks() {
        fixture.given(started, requested)
                .when(newCertificate("c-cert", pem, SENT))
                .expectEvents(received);
        assertThat(partnerCertificate.sha256()).isEqualTo(Fingerprint.sha256Of(java.util.Base64.getMimeDecoder().decode(
                pem.replaceAll("-----[A-Z ]+-----", ""))));
    }

    @Test
    void refusesANewCertificateConfirmationWithoutACertificate() {
        fixture.given(started, requested)
                .when(new ConfirmPartnerStep(RENEWAL, "c-cert", ACME, ConfirmationType.NEW_CERTIFICATE, SENT))
                .expectException(RenewalRefused.InvalidRenewalRequest.class)
                .expectExceptionMessage(Matchers.containsString("carries the partner's new certificate as PEM"))
                .expectNoEvents();
    }

    @Test
    void refusesACertificateThatFailsAChecksSayingWhyAndTheStepStaysAwaited() {
        KeyPair ec = PartnerKeys.ec("secp256r1");
        assertRefused(PartnerKeys.certificate("CN=acme ca", ec, SENT.minus(Duration.ofDays(1)),
                SENT.plus(Duration.ofDays(365)), true), "is a CA certificate");
        assertRefused(PartnerKeys.certificate("CN=acme old", ec, SENT.minus(Duration.ofDays(400)),
                SENT.minus(Duration.ofDays(1)), false), "is not valid at " + SENT);
        assertRefused(PartnerKeys.certificate("CN=acme short", ec, SENT.minus(Duration.ofDays(1)),
                SENT.plus(Duration.ofDays(10)), false), "less than the minimum of 30 days");
        assertRefused(PartnerKeys.certificate("CN=acme weak", PartnerKeys.rsa(1024), SENT.minus(Duration.ofDays(1)),
                SENT.plus(Duration.ofDays(365)), false), "an RSA key of 1024 bits: at least 2048 are required");
        assertRefused(PartnerKeys.certificate("CN=acme p521", PartnerKeys.ec("secp521r1"),
                SENT.minus(Duration.ofDays(1)), SENT.plus(Duration.ofDays(365)), false), "allowed are P-256, P-384");
        assertRefused(pem + pem, "2 certificates");
        assertRefused("not a certificate", "not a PEM encoded X.509 certificate");
        String withKey = pem + "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49\n-----END PRIVATE KEY-----\n";
        assertRefused(withKey, "holds a private key");
        fixture.given(started, requested)
                .when(newCertificate("c-bad", withKey, SENT))
                .expectExceptionMessage(Matchers.not(Matchers.containsString("MIGHAgEAMBMGByqGSM49")));
        // the step stays awaited: the partner sends a good one
        fixture.given(started, requested)
                .when(newCertificate("c-cert", pem, SENT))
                .expectEvents(received);
    }

    void assertRefused(String pem, String reason) {
        fixture.given(started, requested)
                .when(newCertificate("c-bad", pem, SENT))
                .expectException(RenewalRefused.InvalidRenewalRequest.class)
                .expectExceptionMessage(Matchers.containsString(reason))
                .expectNoEvents();
    }

    @Test
    void theSameConfirmationAgainIsANoOp() {
        fixture.given(started, requested, received)
                .when(newCertificate("c-cert", pem, SENT.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesTheSwitchBeforeTheKeystoreImportedTheCertificate() {
        fixture.given(started, requested, received)
                .when(new ConfirmPartnerStep(RENEWAL, "c-switch", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY,
                        SWITCHED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(Matchers.containsString("needs PARTNER_CERTIFICATE_IMPORTED first"))
                .expectNoEvents();
    }

    @Test
    void refusesAnImportBeforeThePartnerSentItsCertificate() {
        fixture.given(started, requested)
                .when(new RecordPartnerCertificateImported(RENEWAL, "rep-1", partnerCertificate.ref(), OLD, IMPORTED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void refusesAKeyPairOfTheTenantsForARenewalOfAPartnersCertificate() {
        fixture.given(started, requested)
                .when(new RecordKeyPairGenerated(RENEWAL, "rep-1", partnerCertificate, OLD, SENT))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(Matchers.containsString("KEY_PAIR_CREATED is not a step of playbook"))
                .expectNoEvents();
    }

    @Test
    void echoesTheImportedCertificateToThePartnerAndAsksForTheSwitch() {
        fixture.given(started, requested, received)
                .when(new RecordPartnerCertificateImported(RENEWAL, "rep-1", partnerCertificate.ref(), OLD, IMPORTED))
                .expectEvents(imported)
                .expectScheduledDeadlineWithName(IMPORTED.plus(REMINDER), Renewal.PARTNER_STEP_OVERDUE);
    }

    @Test
    void theSameImportReportAgainIsANoOp() {
        fixture.given(started, requested, received, imported)
                .when(new RecordPartnerCertificateImported(RENEWAL, "rep-1", partnerCertificate.ref(), OLD, IMPORTED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSwitchStartsTheRetentionOfTheOldCertificate() {
        fixture.given(started, requested, received, imported)
                .when(new ConfirmPartnerStep(RENEWAL, "c-switch", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY,
                        SWITCHED))
                .expectEvents(switched)
                .expectScheduledDeadlineWithName(RETAIN_UNTIL, Renewal.RETENTION_ELAPSED);
    }

    @Test
    void removesTheOldCertificateNotBeforeTheRetentionAndThenCompletes() {
        fixture.given(started, requested, received, imported, switched)
                .when(new RemoveOldKeyPair(RENEWAL, "operator", RETAIN_UNTIL.minusSeconds(1)))
                .expectException(RenewalRefused.RetentionNotElapsed.class)
                .expectNoEvents();
        fixture(); // the stub deadline manager keeps what the run before scheduled
        fixture.given(started, requested, received, imported)
                .andGivenCommands(new ConfirmPartnerStep(RENEWAL, "c-switch", ACME,
                        ConfirmationType.SWITCHED_TO_NEW_KEY, SWITCHED))
                .whenThenTimeAdvancesTo(RETAIN_UNTIL.minusSeconds(1))
                .expectNoEvents();
        fixture();
        fixture.given(started, requested, received, imported)
                .andGivenCommands(new ConfirmPartnerStep(RENEWAL, "c-switch", ACME,
                        ConfirmationType.SWITCHED_TO_NEW_KEY, SWITCHED))
                .whenThenTimeAdvancesTo(RETAIN_UNTIL)
                .expectEvents(new OldKeyPairRemovalDecided(RENEWAL, ALIAS, OLD, RETAIN_UNTIL));
        fixture.given(started, requested, received, imported, switched,
                        new OldKeyPairRemovalDecided(RENEWAL, ALIAS, OLD, RETAIN_UNTIL))
                .when(new RecordKeyPairRemoved(RENEWAL, "rep-2", OLD, RETAIN_UNTIL.plusSeconds(1)))
                .expectEvents(new OldKeyPairRemoved(RENEWAL, ALIAS, OLD, RETAIN_UNTIL.plusSeconds(1)),
                        new RenewalCompleted(RENEWAL, ALIAS, ACME, RETAIN_UNTIL.plusSeconds(1)));
    }

    @Test
    void abortsBeforeTheImportButNotAfter() {
        fixture.given(started, requested, received)
                .when(new AbortRenewal(RENEWAL, "partner changed its mind", "operator", IMPORTED))
                .expectEvents(new RenewalAborted(RENEWAL, ALIAS, ACME, "partner changed its mind", "operator", null,
                        IMPORTED));
        fixture.given(started, requested, received, imported)
                .when(new AbortRenewal(RENEWAL, "too late", "operator", SWITCHED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(Matchers.containsString("the partner's new certificate is imported"))
                .expectNoEvents();
    }

    private static ConfirmPartnerStep newCertificate(String confirmationId, String pem, Instant at) {
        return new ConfirmPartnerStep(RENEWAL, confirmationId, ACME, ConfirmationType.NEW_CERTIFICATE, at,
                Duration.ofMinutes(5), at, at, pem);
    }
}
