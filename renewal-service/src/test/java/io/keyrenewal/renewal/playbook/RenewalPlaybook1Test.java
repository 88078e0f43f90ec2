package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.CertificateUse;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairExchangeApproved;
import io.keyrenewal.contracts.renewal.KeyPairExchangeDecided;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.KeyPairRolledBack;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.OldKeyPairRemoved;
import io.keyrenewal.contracts.renewal.PartnerInformedOfExchange;
import io.keyrenewal.contracts.renewal.PartnerRemovedOldCertificate;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.contracts.renewal.RollbackDecided;
import io.keyrenewal.contracts.renewal.StagedKeyPairDiscarded;
import io.keyrenewal.renewal.playbook.Commands.AbortRenewal;
import io.keyrenewal.renewal.playbook.Commands.ConfirmPartnerStep;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairDiscarded;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairExchanged;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairGenerated;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairRemoved;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairRolledBack;
import io.keyrenewal.renewal.playbook.Commands.RemoveOldKeyPair;
import io.keyrenewal.renewal.playbook.Commands.RollBack;
import io.keyrenewal.renewal.playbook.Commands.StartRenewal;
import io.keyrenewal.renewal.playbook.Commands.StepParameters;
import io.keyrenewal.renewal.playbook.Commands.TakeTenantStep;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.hamcrest.Matchers.containsString;

/** Playbook 1: tenant signs inbound response, the sender verifies old and new at once (no downtime). */
/** Playbook 1, step for step and refusal for refusal; {@link RenewalPlaybook5Test} runs them for playbook 5. */
class RenewalPlaybook1Test {

    static final RenewalId RENEWAL = new RenewalId("r-1");
    static final PartnerId ACME = new PartnerId("acme");
    static final String ALIAS = "acme-response-signer";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration GDT = Duration.ofDays(7);
    static final CertificateInfo NEW = new CertificateInfo("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            new Fingerprint("ab".repeat(32)), "CN=" + ALIAS, "CN=" + ALIAS, "02", T0, T0.plus(Duration.ofDays(365)));
    static final CertificateRef OLD = new CertificateRef(new Fingerprint("cd".repeat(32)), "CN=" + ALIAS, "01");
    static final Instant T1 = T0.plusSeconds(1);
    static final Instant VERIFIED = T0.plus(Duration.ofHours(1));
    static final Instant APPROVED = T0.plus(Duration.ofHours(2));
    static final Instant EXCHANGED = T0.plus(Duration.ofHours(3));
    /** The partner step reminder period: a partner step asked for at t is to be answered by t + 3 days. */
    static final Duration REMINDER = Duration.ofDays(3);
    static final Instant RETAIN_UNTIL = EXCHANGED.plus(Duration.ofDays(90));

    final PlaybookDefinition definition = Playbooks.of(playbook());
    final RenewalStarted started = started(ExchangeApproval.TENANT_APPROVES);
    final NewKeyPairCreated created = new NewKeyPairCreated(RENEWAL, ALIAS, NEW, OLD, T1);
    final CertificateProvided provided = new CertificateProvided(RENEWAL, ALIAS, ACME,
            definition.partnerRole(), playbook(), NEW, T1, T1.plus(REMINDER), ConfirmationType.VERIFIES_BOTH,
            CertificateUse.VERIFY_WITH_BOTH);
    final PartnerVerifiesBoth verifiesBoth = new PartnerVerifiesBoth(RENEWAL, ACME, "c-1", VERIFIED);
    final KeyPairExchangeApproved approved = new KeyPairExchangeApproved(RENEWAL, "tenant-admin", APPROVED);
    final KeyPairExchangeDecided decided = new KeyPairExchangeDecided(RENEWAL, ALIAS, NEW.ref(), OLD,
            Duration.ofDays(90), APPROVED);
    final KeyPairExchanged exchanged = new KeyPairExchanged(RENEWAL, ALIAS, NEW.ref(), OLD, RETAIN_UNTIL, EXCHANGED);
    final PartnerInformedOfExchange informed = new PartnerInformedOfExchange(RENEWAL, ACME,
            definition.partnerRole(), playbook(), NEW.ref(), EXCHANGED, EXCHANGED.plus(REMINDER),
            ConfirmationType.OLD_CERTIFICATE_REMOVED);
    final PartnerRemovedOldCertificate oldCertificateRemoved = new PartnerRemovedOldCertificate(RENEWAL, ACME, "c-2",
            EXCHANGED.plus(Duration.ofDays(1)));

    AggregateTestFixture<Renewal> fixture;

    /** The playbook these tests run: a subclass runs them for another playbook with the same steps. */
    Playbook playbook() {
        return Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH;
    }

    /** The start as the catalogue's definition of {@link #playbook()} records it. */
    RenewalStarted started(ExchangeApproval approval) {
        return new RenewalStarted(RENEWAL, ALIAS, ACME, playbook(), GDT, KeyAlgorithm.EC_P256, T0, approval, null,
                null, CertificateSource.DEFAULT, Playbooks.of(playbook()).newKeyPair(), Playbooks.CATALOGUE_VERSION,
                Playbooks.of(playbook()).partnerRole());
    }

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Renewal.class);
        fixture.registerInjectableResource(new RenewalTimings(java.time.Duration.ofDays(3)));
    }

    @Test
    void providesTheNewCertificateToTheSenderOnceTheKeystoreStagedTheKeyPair() {
        fixture.given(started)
                .when(new RecordKeyPairGenerated(RENEWAL, "rep-1", NEW, OLD, T1))
                .expectEvents(created, provided);
    }

    @Test
    void waitsForTheTenantsApprovalWhenTheSenderVerifiesBoth() {
        fixture.given(started, created, provided)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.VERIFIES_BOTH, VERIFIED))
                .expectEvents(verifiesBoth);
    }

    @Test
    void decidesTheExchangeWhenTheTenantApprovesAfterTheSenderVerifiesBoth() {
        fixture.given(started, created, provided, verifiesBoth)
                .when(new TakeTenantStep(RENEWAL, Milestone.EXCHANGE_APPROVED, "tenant-admin", APPROVED))
                .expectEvents(approved, decided);
    }

    @Test
    void refusesTheTenantsApprovalBeforeTheSenderVerifiesBoth() {
        fixture.given(started, created, provided)
                .when(new TakeTenantStep(RENEWAL, Milestone.EXCHANGE_APPROVED, "tenant-admin", APPROVED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("PARTNER_VERIFIES_BOTH"))
                .expectNoEvents();
    }

    @Test
    void refusesAnExchangeReportBeforeTheSenderVerifiesBoth() {
        fixture.given(started, created, provided)
                .when(new RecordKeyPairExchanged(RENEWAL, "rep-2", NEW.ref(), OLD, EXCHANGED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void anAutomaticRenewalDecidesTheExchangeAsSoonAsTheSenderVerifiesBoth() {
        RenewalStarted automatic = started(ExchangeApproval.AUTOMATIC);
        fixture.given(automatic, created, provided)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.VERIFIES_BOTH, VERIFIED))
                .expectEvents(verifiesBoth, new KeyPairExchangeApproved(RENEWAL, "system", VERIFIED),
                        new KeyPairExchangeDecided(RENEWAL, ALIAS, NEW.ref(), OLD, Duration.ofDays(90), VERIFIED));
    }

    @Test
    void informsTheSenderOnlyOnceTheKeystoreAppliedTheExchangeAndStartsTheRetention() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided)
                .when(new RecordKeyPairExchanged(RENEWAL, "rep-2", NEW.ref(), OLD, EXCHANGED))
                .expectEvents(exchanged, informed)
                .expectScheduledDeadlineWithName(RETAIN_UNTIL, Renewal.RETENTION_ELAPSED);
    }

    @Test
    void refusesTheSendersRemovalOfTheOldCertificateBeforeItWasInformedOfTheExchange() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided)
                .when(new ConfirmPartnerStep(RENEWAL, "c-2", ACME, ConfirmationType.OLD_CERTIFICATE_REMOVED,
                        EXCHANGED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void refusesAStepOfPlaybook2() {
        fixture.given(started, created, provided)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.SENDING_STOPPED, VERIFIED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("not a step of playbook"))
                .expectNoEvents();
    }

    @Test
    void completesOnlyWhenTheSenderRemovedTheOldCertificateAndTheOldKeyPairIsRemoved() {
        Instant removedAt = RETAIN_UNTIL.plusSeconds(1);
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchanged, informed,
                        new OldKeyPairRemovalDecided(RENEWAL, ALIAS, OLD, RETAIN_UNTIL))
                .when(new RecordKeyPairRemoved(RENEWAL, "rep-3", OLD, removedAt))
                .expectEvents(new OldKeyPairRemoved(RENEWAL, ALIAS, OLD, removedAt));
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchanged, informed,
                        new OldKeyPairRemovalDecided(RENEWAL, ALIAS, OLD, RETAIN_UNTIL),
                        new OldKeyPairRemoved(RENEWAL, ALIAS, OLD, removedAt))
                .when(new ConfirmPartnerStep(RENEWAL, "c-2", ACME, ConfirmationType.OLD_CERTIFICATE_REMOVED,
                        removedAt))
                .expectEvents(new PartnerRemovedOldCertificate(RENEWAL, ACME, "c-2", removedAt),
                        new RenewalCompleted(RENEWAL, ALIAS, ACME, removedAt));
    }

    @Test
    void decidesTheRemovalOfTheOldKeyPairWhenTheRetentionElapsedAfterTheExchange() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided)
                .andGivenCommands(new RecordKeyPairExchanged(RENEWAL, "rep-2", NEW.ref(), OLD, EXCHANGED),
                        new ConfirmPartnerStep(RENEWAL, "c-2", ACME, ConfirmationType.OLD_CERTIFICATE_REMOVED,
                                EXCHANGED.plus(Duration.ofDays(1))))
                .whenThenTimeAdvancesTo(RETAIN_UNTIL)
                .expectEvents(new OldKeyPairRemovalDecided(RENEWAL, ALIAS, OLD, RETAIN_UNTIL));
    }

    @Test
    void refusesToRemoveTheOldKeyPairBeforeTheRetentionElapsed() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchanged, informed,
                        oldCertificateRemoved)
                .when(new RemoveOldKeyPair(RENEWAL, "tenant-admin", RETAIN_UNTIL.minus(Duration.ofDays(1))))
                .expectException(RenewalRefused.RetentionNotElapsed.class)
                .expectNoEvents();
    }

    @Test
    void abortsBeforeTheExchangeSoThatTheKeystoreDiscardsTheStagedKeyPair() {
        fixture.given(started, created, provided, verifiesBoth)
                .when(new AbortRenewal(RENEWAL, "sender not ready", "tenant-admin", APPROVED))
                .expectEvents(new RenewalAborted(RENEWAL, ALIAS, ACME, "sender not ready", "tenant-admin", NEW.ref(),
                        APPROVED));
    }

    @Test
    void recordsTheDiscardOfTheStagedKeyPairAfterAnAbortAndRefusesEverythingElse() {
        RenewalAborted aborted = new RenewalAborted(RENEWAL, ALIAS, ACME, "sender not ready", "tenant-admin",
                NEW.ref(), APPROVED);
        fixture.given(started, created, provided, aborted)
                .when(new RecordKeyPairDiscarded(RENEWAL, "rep-4", NEW.ref(), APPROVED.plusSeconds(1)))
                .expectEvents(new StagedKeyPairDiscarded(RENEWAL, ALIAS, NEW.ref(), APPROVED.plusSeconds(1)));
        fixture.given(started, created, provided, aborted)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.VERIFIES_BOTH, VERIFIED))
                .expectException(RenewalRefused.RenewalClosed.class)
                .expectNoEvents();
    }

    @Test
    void refusesTheTenantsApprovalOfAnAbortedRenewal() {
        fixture.given(started, created, provided, verifiesBoth, new RenewalAborted(RENEWAL, ALIAS, ACME,
                        "sender not ready", "tenant-admin", NEW.ref(), APPROVED))
                .when(new TakeTenantStep(RENEWAL, Milestone.EXCHANGE_APPROVED, "tenant-admin", APPROVED))
                .expectException(RenewalRefused.RenewalClosed.class)
                .expectNoEvents();
    }

    @Test
    void refusesTheDowntimeStepsOfPlaybook2AsTenantSteps() {
        fixture.given(started, created, provided)
                .when(new TakeTenantStep(RENEWAL, Milestone.DOWNTIME_PROPOSED, StepParameters.window(
                        VERIFIED, VERIFIED.plusSeconds(3600)), "tenant-admin", T1))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("DOWNTIME_PROPOSED is not a step of playbook"))
                .expectNoEvents();
    }

    @Test
    void refusesAnAbortOnceTheExchangeIsDecided() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided)
                .when(new AbortRenewal(RENEWAL, "too late", "tenant-admin", EXCHANGED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("roll back instead"))
                .expectNoEvents();
    }

    @Test
    void rollsBackAfterTheExchangeWhileTheSenderStillVerifiesBoth() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided)
                .andGivenCommands(new RecordKeyPairExchanged(RENEWAL, "rep-2", NEW.ref(), OLD, EXCHANGED))
                .when(new RollBack(RENEWAL, "signature errors at the sender", "tenant-admin", EXCHANGED.plusSeconds(60)))
                .expectEvents(new RollbackDecided(RENEWAL, ALIAS, OLD, NEW.ref(), "signature errors at the sender",
                        "tenant-admin", EXCHANGED.plusSeconds(60)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void tellsThePartnerOnceTheKeystoreReactivatedTheOldKeyPair() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchanged, informed,
                        new RollbackDecided(RENEWAL, ALIAS, OLD, NEW.ref(), "errors", "tenant-admin", EXCHANGED))
                .when(new RecordKeyPairRolledBack(RENEWAL, "rep-5", OLD, EXCHANGED.plusSeconds(5)))
                .expectEvents(new KeyPairRolledBack(RENEWAL, ALIAS, ACME, definition.partnerRole(), OLD,
                        EXCHANGED.plusSeconds(5)));
    }

    @Test
    void refusesARollbackOnceTheSenderRemovedTheOldCertificate() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchanged, informed,
                        oldCertificateRemoved)
                .when(new RollBack(RENEWAL, "errors", "tenant-admin", EXCHANGED.plus(Duration.ofDays(2))))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("removed the old certificate"))
                .expectNoEvents();
    }

    @Test
    void refusesARollbackBeforeTheExchange() {
        fixture.given(started, created, provided, verifiesBoth)
                .when(new RollBack(RENEWAL, "errors", "tenant-admin", APPROVED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("abort instead"))
                .expectNoEvents();
    }

    @Test
    void remindsTheSenderWhenItsVerificationIsOverdueAndAlertsTheTenantAfterASecondPeriod() {
        fixture.given(started)
                .andGivenCommands(new RecordKeyPairGenerated(RENEWAL, "rep-1", NEW, OLD, T1))
                .whenThenTimeAdvancesTo(T1.plus(Duration.ofDays(6)))
                .expectEvents(new io.keyrenewal.contracts.renewal.PartnerStepOverdue(RENEWAL, ACME,
                                definition.partnerRole(), ConfirmationType.VERIFIES_BOTH, T1,
                                T1.plus(Duration.ofDays(3))),
                        new io.keyrenewal.contracts.renewal.PartnerStepEscalated(RENEWAL, ACME,
                                ConfirmationType.VERIFIES_BOTH, T1, T1.plus(Duration.ofDays(6))));
    }

    @Test
    void noReminderOnceTheSenderConfirmedInTime() {
        fixture.given(started)
                .andGivenCommands(new RecordKeyPairGenerated(RENEWAL, "rep-1", NEW, OLD, T1),
                        new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.VERIFIES_BOTH, VERIFIED))
                .whenThenTimeAdvancesTo(T1.plus(Duration.ofDays(7)))
                .expectNoEvents();
    }

    @Test
    void aRetriedConfirmationAndARepeatedApprovalAreNoOps() {
        fixture.given(started, created, provided, verifiesBoth)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.VERIFIES_BOTH, APPROVED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(started, created, provided, verifiesBoth, approved, decided)
                .when(new TakeTenantStep(RENEWAL, Milestone.EXCHANGE_APPROVED, "tenant-admin", EXCHANGED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
