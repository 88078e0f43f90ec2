package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.DrainConfirmed;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairExchangeApproved;
import io.keyrenewal.contracts.renewal.KeyPairExchangeDecided;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.PartnerInformedOfExchange;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.contracts.renewal.SenderExchangedCertificate;
import io.keyrenewal.contracts.renewal.SenderResumedSending;
import io.keyrenewal.contracts.renewal.SenderStoppedSending;
import io.keyrenewal.renewal.playbook.Commands.ConfirmPartnerStep;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairExchanged;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairGenerated;
import io.keyrenewal.renewal.playbook.Commands.RollBack;
import io.keyrenewal.renewal.playbook.Commands.StepParameters;
import io.keyrenewal.renewal.playbook.Commands.TakeTenantStep;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.hamcrest.Matchers.containsString;

/** Playbook 2: tenant signs inbound response, the sender verifies one key at a time (agreed downtime). */
class RenewalPlaybook2Test {

    static final RenewalId RENEWAL = new RenewalId("r-2");
    static final PartnerId ACME = new PartnerId("acme");
    static final String ALIAS = "acme-response-signer";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Playbook PLAYBOOK = Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME;
    static final CertificateInfo NEW = new CertificateInfo("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            new Fingerprint("ab".repeat(32)), "CN=" + ALIAS, "CN=" + ALIAS, "02", T0, T0.plus(Duration.ofDays(365)));
    static final CertificateRef OLD = new CertificateRef(new Fingerprint("cd".repeat(32)), "CN=" + ALIAS, "01");
    static final Instant T1 = T0.plusSeconds(1);
    static final Instant WINDOW_START = T0.plus(Duration.ofDays(2));
    static final Instant WINDOW_END = WINDOW_START.plus(Duration.ofHours(1));
    static final Instant STOPPED = WINDOW_START.plusSeconds(30);
    static final Instant CERT_EXCHANGED = STOPPED.plus(Duration.ofMinutes(5));
    static final Instant DRAINED = STOPPED.plus(Duration.ofMinutes(10));
    static final Instant EXCHANGED = DRAINED.plus(Duration.ofMinutes(1));
    static final Instant RESUMED = EXCHANGED.plus(Duration.ofMinutes(4));

    final RenewalStarted started = new RenewalStarted(RENEWAL, ALIAS, ACME, PLAYBOOK, Duration.ofDays(1),
            KeyAlgorithm.RSA_3072, T0);
    final NewKeyPairCreated created = new NewKeyPairCreated(RENEWAL, ALIAS, NEW, OLD, T1);
    final CertificateProvided provided = new CertificateProvided(RENEWAL, ALIAS, ACME,
            PartnerRole.SENDER_ADMINISTRATOR, PLAYBOOK, NEW, T1);
    final DowntimeProposed proposed = new DowntimeProposed(RENEWAL, ACME, WINDOW_START, WINDOW_END, "tenant-admin",
            T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(1)).plus(Duration.ofDays(3)));
    final DowntimeAgreed agreed = new DowntimeAgreed(RENEWAL, ACME, "c-1", WINDOW_START, WINDOW_END,
            T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(2)).plus(Duration.ofDays(3)));
    final SenderStoppedSending stopped = new SenderStoppedSending(RENEWAL, ACME, "c-2", STOPPED,
            ConfirmationType.CERTIFICATE_EXCHANGED);
    final SenderExchangedCertificate certificateExchanged = new SenderExchangedCertificate(RENEWAL, ACME, "c-3",
            CERT_EXCHANGED);
    final DrainConfirmed drained = new DrainConfirmed(RENEWAL, "tenant-admin", DRAINED);
    final KeyPairExchangeApproved approved = new KeyPairExchangeApproved(RENEWAL, "tenant-admin", DRAINED);
    final KeyPairExchangeDecided decided = new KeyPairExchangeDecided(RENEWAL, ALIAS, NEW.ref(), OLD,
            Duration.ofDays(90), DRAINED);
    final KeyPairExchanged exchanged = new KeyPairExchanged(RENEWAL, ALIAS, NEW.ref(), OLD,
            EXCHANGED.plus(Duration.ofDays(90)), EXCHANGED);
    final PartnerInformedOfExchange informed = new PartnerInformedOfExchange(RENEWAL, ACME,
            PartnerRole.SENDER_ADMINISTRATOR, PLAYBOOK, NEW.ref(), EXCHANGED,
            EXCHANGED.plus(Duration.ofDays(3)));

    AggregateTestFixture<Renewal> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Renewal.class);
        fixture.registerInjectableResource(new RenewalTimings(java.time.Duration.ofDays(3)));
    }

    @Test
    void theTenantProposesTheDowntimeWindowOnceTheCertificateIsProvided() {
        fixture.given(started, created, provided)
                .when(new TakeTenantStep(RENEWAL, Milestone.DOWNTIME_PROPOSED, StepParameters.window(
                        WINDOW_START, WINDOW_END), "tenant-admin", proposed.at()))
                .expectEvents(proposed);
    }

    @Test
    void theCertificateAsksTheSenderNothingYetSoOnlyTheDowntimeProposalCarriesARespondByDate() {
        fixture.given(started)
                .when(new RecordKeyPairGenerated(RENEWAL, "rep-1", NEW, OLD, T1))
                .expectEvents(created, provided)
                .expectNoScheduledDeadlines();
        fixture.given(started, created, provided)
                .when(new TakeTenantStep(RENEWAL, Milestone.DOWNTIME_PROPOSED, StepParameters.window(
                        WINDOW_START, WINDOW_END), "tenant-admin", proposed.at()))
                .expectEvents(proposed)
                .expectScheduledDeadlineWithName(proposed.respondBy(), Renewal.PARTNER_STEP_OVERDUE);
    }

    @Test
    void refusesADowntimeWindowThatEndsBeforeItStartsOrStartsInThePast() {
        fixture.given(started, created, provided)
                .when(new TakeTenantStep(RENEWAL, Milestone.DOWNTIME_PROPOSED, StepParameters.window(
                        WINDOW_END, WINDOW_START), "tenant-admin", proposed.at()))
                .expectException(RenewalRefused.InvalidRenewalRequest.class)
                .expectNoEvents();
        fixture.given(started, created, provided)
                .when(new TakeTenantStep(RENEWAL, Milestone.DOWNTIME_PROPOSED, StepParameters.window(
                        T0, WINDOW_END), "tenant-admin", proposed.at()))
                .expectException(RenewalRefused.InvalidRenewalRequest.class)
                .expectNoEvents();
    }

    @Test
    void refusesADowntimeProposalWithoutItsWindow() {
        fixture.given(started, created, provided)
                .when(new TakeTenantStep(RENEWAL, Milestone.DOWNTIME_PROPOSED, "tenant-admin", proposed.at()))
                .expectException(RenewalRefused.InvalidRenewalRequest.class)
                .expectExceptionMessage(containsString("windowStart must not be null; windowEnd must not be null"))
                .expectNoEvents();
    }

    @Test
    void refusesASecondDowntimeWindowAsAlreadyProposed() {
        fixture.given(started, created, provided, proposed)
                .when(new TakeTenantStep(RENEWAL, Milestone.DOWNTIME_PROPOSED, StepParameters.window(
                        WINDOW_START.plusSeconds(60), WINDOW_END), "tenant-admin", agreed.at()))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("DOWNTIME_PROPOSED is already done"))
                .expectNoEvents();
    }

    @Test
    void refusesThePartnersAndTheSystemsStepsAsTenantSteps() {
        fixture.given(started, created, provided, proposed)
                .when(new TakeTenantStep(RENEWAL, Milestone.DOWNTIME_AGREED, "tenant-admin", agreed.at()))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("DOWNTIME_AGREED is the partner's step, not the tenant's"))
                .expectNoEvents();
        fixture.given(started, created, provided, proposed, agreed, stopped, certificateExchanged, drained, approved,
                        decided)
                .when(new TakeTenantStep(RENEWAL, Milestone.KEY_PAIR_EXCHANGED, "tenant-admin", EXCHANGED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("KEY_PAIR_EXCHANGED is the keystore's step, not the tenant's"))
                .expectNoEvents();
        fixture.given(started)
                .when(new TakeTenantStep(RENEWAL, Milestone.CERTIFICATE_PROVIDED, "tenant-admin", T1))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("CERTIFICATE_PROVIDED is the system's step, not the tenant's"))
                .expectNoEvents();
    }

    @Test
    void refusesAParameterTheStepDoesNotTake() {
        fixture.given(started, created, provided, proposed, agreed, stopped)
                .when(new TakeTenantStep(RENEWAL, Milestone.DRAIN_CONFIRMED, new StepParameters(null, null,
                        "all queues empty"), "tenant-admin", DRAINED))
                .expectException(RenewalRefused.InvalidRenewalRequest.class)
                .expectExceptionMessage(containsString("reason is not taken by DRAIN_CONFIRMED, which needs nothing"))
                .expectNoEvents();
    }

    @Test
    void theTenantConfirmsTheDrainOnceTheSenderStoppedAndARepeatedConfirmationChangesNothing() {
        fixture.given(started, created, provided, proposed, agreed, stopped)
                .when(new TakeTenantStep(RENEWAL, Milestone.DRAIN_CONFIRMED, "tenant-admin", DRAINED))
                .expectEvents(drained);
        fixture.given(started, created, provided, proposed, agreed, stopped, drained)
                .when(new TakeTenantStep(RENEWAL, Milestone.DRAIN_CONFIRMED, "tenant-admin", DRAINED.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSenderAgreesTheProposedWindow() {
        fixture.given(started, created, provided, proposed)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.DOWNTIME_ACCEPTED, agreed.at()))
                .expectEvents(agreed);
    }

    @Test
    void theSendersStopAsksItToExchangeTheCertificateNext() {
        fixture.given(started, created, provided, proposed, agreed)
                .when(new ConfirmPartnerStep(RENEWAL, "c-2", ACME, ConfirmationType.SENDING_STOPPED, STOPPED))
                .expectEvents(stopped);
    }

    @Test
    void refusesTheSendersAgreementBeforeAWindowWasProposed() {
        fixture.given(started, created, provided)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.DOWNTIME_ACCEPTED, agreed.at()))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("DOWNTIME_PROPOSED"))
                .expectNoEvents();
    }

    @Test
    void refusesTheSenderStoppingBeforeTheWindowStarts() {
        fixture.given(started, created, provided, proposed, agreed)
                .when(new ConfirmPartnerStep(RENEWAL, "c-2", ACME, ConfirmationType.SENDING_STOPPED,
                        WINDOW_START.minusSeconds(1)))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("start of the agreed downtime window"))
                .expectNoEvents();
    }

    @Test
    void refusesTheCertificateExchangeConfirmationBeforeTheSenderStopped() {
        fixture.given(started, created, provided, proposed, agreed)
                .when(new ConfirmPartnerStep(RENEWAL, "c-3", ACME, ConfirmationType.CERTIFICATE_EXCHANGED, STOPPED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void refusesTheDrainConfirmationBeforeTheSenderStopped() {
        fixture.given(started, created, provided, proposed, agreed)
                .when(new TakeTenantStep(RENEWAL, Milestone.DRAIN_CONFIRMED, "tenant-admin", STOPPED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void refusesTheApprovalBeforeTheDrainIsConfirmed() {
        fixture.given(started, created, provided, proposed, agreed, stopped, certificateExchanged)
                .when(new TakeTenantStep(RENEWAL, Milestone.EXCHANGE_APPROVED, "tenant-admin", DRAINED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("DRAIN_CONFIRMED"))
                .expectNoEvents();
    }

    @Test
    void refusesTheApprovalBeforeTheSenderExchangedItsCertificate() {
        fixture.given(started, created, provided, proposed, agreed, stopped, drained)
                .when(new TakeTenantStep(RENEWAL, Milestone.EXCHANGE_APPROVED, "tenant-admin", DRAINED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("SENDER_EXCHANGED_CERTIFICATE"))
                .expectNoEvents();
    }

    @Test
    void decidesTheExchangeOnlyAfterTheSenderStoppedExchangedItsCertificateAndTheDrainWasConfirmed() {
        fixture.given(started, created, provided, proposed, agreed, stopped, certificateExchanged, drained)
                .when(new TakeTenantStep(RENEWAL, Milestone.EXCHANGE_APPROVED, "tenant-admin", DRAINED))
                .expectEvents(approved, decided);
    }

    @Test
    void anAutomaticRenewalConfirmsTheDrainAndDecidesTheExchangeByItself() {
        RenewalStarted automatic = new RenewalStarted(RENEWAL, ALIAS, ACME, PLAYBOOK, Duration.ofDays(1),
                KeyAlgorithm.RSA_3072, T0, ExchangeApproval.AUTOMATIC);
        fixture.given(automatic, created, provided, proposed, agreed, stopped)
                .when(new ConfirmPartnerStep(RENEWAL, "c-3", ACME, ConfirmationType.CERTIFICATE_EXCHANGED,
                        CERT_EXCHANGED))
                .expectEvents(certificateExchanged, new DrainConfirmed(RENEWAL, "system", CERT_EXCHANGED),
                        new KeyPairExchangeApproved(RENEWAL, "system", CERT_EXCHANGED),
                        new KeyPairExchangeDecided(RENEWAL, ALIAS, NEW.ref(), OLD, Duration.ofDays(90),
                                CERT_EXCHANGED));
    }

    @Test
    void informsTheSenderOnceTheKeystoreAppliedTheExchange() {
        fixture.given(started, created, provided, proposed, agreed, stopped, certificateExchanged, drained,
                        approved, decided)
                .when(new RecordKeyPairExchanged(RENEWAL, "rep-2", NEW.ref(), OLD, EXCHANGED))
                .expectEvents(exchanged, informed);
    }

    @Test
    void recordsTheRealDowntimeFromStopToResumeBesideTheAgreedWindow() {
        fixture.given(started, created, provided, proposed, agreed, stopped, certificateExchanged, drained,
                        approved, decided, exchanged, informed)
                .when(new ConfirmPartnerStep(RENEWAL, "c-4", ACME, ConfirmationType.SENDING_RESUMED, RESUMED))
                .expectEvents(new SenderResumedSending(RENEWAL, ACME, "c-4", Duration.between(STOPPED, RESUMED),
                        WINDOW_START, WINDOW_END, RESUMED));
    }

    @Test
    void refusesTheResumeBeforeTheSenderWasInformedOfTheExchange() {
        fixture.given(started, created, provided, proposed, agreed, stopped, certificateExchanged, drained)
                .when(new ConfirmPartnerStep(RENEWAL, "c-4", ACME, ConfirmationType.SENDING_RESUMED, RESUMED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void alertsTheTenantWhenTheSenderHasNotResumedByTheEndOfTheWindow() {
        fixture.given(started, created, provided, proposed)
                .andGivenCommands(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.DOWNTIME_ACCEPTED,
                                agreed.at()),
                        new ConfirmPartnerStep(RENEWAL, "c-2", ACME, ConfirmationType.SENDING_STOPPED, STOPPED))
                .whenThenTimeAdvancesTo(WINDOW_END)
                .expectEvents(new io.keyrenewal.contracts.renewal.DowntimeOverrun(RENEWAL, ACME, WINDOW_END,
                        WINDOW_END));
    }

    @Test
    void hasNoRollback() {
        fixture.given(started, created, provided, proposed, agreed, stopped, certificateExchanged, drained,
                        approved, decided, exchanged, informed)
                .when(new RollBack(RENEWAL, "errors", "tenant-admin", RESUMED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("has no rollback"))
                .expectNoEvents();
    }

    @Test
    void refusesASignatureVerificationStepOfPlaybook1() {
        fixture.given(started, created, provided)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.VERIFIES_BOTH, T1))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectNoEvents();
    }
}
