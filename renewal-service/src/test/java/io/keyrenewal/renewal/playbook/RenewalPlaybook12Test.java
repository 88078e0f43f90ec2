package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.CertificateUse;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.DowntimeOverrun;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.DrainConfirmed;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.IntegrationFlowRedeployed;
import io.keyrenewal.contracts.renewal.IntegrationFlowUndeployed;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.KeyPairExchangeApproved;
import io.keyrenewal.contracts.renewal.KeyPairExchangeDecided;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.OldKeyPairRemoved;
import io.keyrenewal.contracts.renewal.PartnerInformedOfExchange;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.contracts.renewal.SenderExchangedCertificate;
import io.keyrenewal.renewal.playbook.Commands.AbortRenewal;
import io.keyrenewal.renewal.playbook.Commands.ConfirmPartnerStep;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairExchanged;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairGenerated;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairRemoved;
import io.keyrenewal.renewal.playbook.Commands.RollBack;
import io.keyrenewal.renewal.playbook.Commands.StartRenewal;
import io.keyrenewal.renewal.playbook.Commands.StepParameters;
import io.keyrenewal.renewal.playbook.Commands.TakeTenantStep;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.containsString;

/**
 * Playbook 12 (tenant signs outbound request, the receiver verifies one key at a time): the receiver gets the new
 * certificate, agrees a window, the integration developer undeploys the flow at its start, the tenant confirms that no
 * request signed with the old key is on its way and approves, the key pair is exchanged, the receiver exchanges the
 * certificate, and the flow is redeployed. Every step and refusal.
 */
class RenewalPlaybook12Test {

    static final RenewalId RENEWAL = new RenewalId("r-12");
    static final PartnerId ACME = new PartnerId("acme");
    static final String ALIAS = "acme-request-signer";
    static final Playbook PLAYBOOK = Playbook.TENANT_SIGNS_OUTBOUND_REQUEST_WITH_DOWNTIME;
    static final PartnerRole RECEIVER = PartnerRole.RECEIVER_ADMINISTRATOR;
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(1);
    static final Duration REMINDER = Duration.ofDays(3);
    static final CertificateInfo NEW = new CertificateInfo("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            new Fingerprint("ab".repeat(32)), "CN=" + ALIAS, "CN=" + ALIAS, "02", T0, T0.plus(Duration.ofDays(365)));
    static final CertificateRef OLD = new CertificateRef(new Fingerprint("cd".repeat(32)), "CN=" + ALIAS, "01");
    static final Instant PROPOSED = T0.plus(Duration.ofHours(1));
    static final Instant AGREED = T0.plus(Duration.ofHours(2));
    static final Instant WINDOW_START = T0.plus(Duration.ofDays(2));
    static final Instant WINDOW_END = WINDOW_START.plus(Duration.ofHours(1));
    static final Instant UNDEPLOYED = WINDOW_START.plusSeconds(10);
    static final Instant DRAINED = UNDEPLOYED.plus(Duration.ofMinutes(5));
    static final Instant EXCHANGED = DRAINED.plus(Duration.ofMinutes(1));
    static final Instant PARTNER_EXCHANGED = EXCHANGED.plus(Duration.ofMinutes(10));
    static final Instant REDEPLOYED = PARTNER_EXCHANGED.plus(Duration.ofMinutes(2));
    static final Instant RETAIN_UNTIL = EXCHANGED.plus(Duration.ofDays(90));

    final RenewalStarted started = started(ExchangeApproval.TENANT_APPROVES);
    final NewKeyPairCreated created = new NewKeyPairCreated(RENEWAL, ALIAS, NEW, OLD, T1);
    final CertificateProvided provided = new CertificateProvided(RENEWAL, ALIAS, ACME, RECEIVER, PLAYBOOK, NEW, T1,
            null, null, CertificateUse.EXCHANGE_AT_DOWNTIME);
    final DowntimeProposed proposed = new DowntimeProposed(RENEWAL, ACME, WINDOW_START, WINDOW_END, "tenant-admin",
            PROPOSED, PROPOSED.plus(REMINDER));
    final DowntimeAgreed agreed = new DowntimeAgreed(RENEWAL, ACME, "c-window", WINDOW_START, WINDOW_END, AGREED,
            null, null);
    final IntegrationFlowUndeployed undeployed = new IntegrationFlowUndeployed(RENEWAL, ACME, "integration-developer",
            UNDEPLOYED);
    final DrainConfirmed drained = new DrainConfirmed(RENEWAL, "tenant-admin", DRAINED);
    final KeyPairExchangeApproved approved = new KeyPairExchangeApproved(RENEWAL, "tenant-admin", DRAINED);
    final KeyPairExchangeDecided decided = new KeyPairExchangeDecided(RENEWAL, ALIAS, NEW.ref(), OLD,
            Duration.ofDays(90), DRAINED);
    final KeyPairExchanged exchanged = new KeyPairExchanged(RENEWAL, ALIAS, NEW.ref(), OLD, RETAIN_UNTIL, EXCHANGED);
    final PartnerInformedOfExchange informed = new PartnerInformedOfExchange(RENEWAL, ACME, RECEIVER, PLAYBOOK,
            NEW.ref(), EXCHANGED, EXCHANGED.plus(REMINDER), ConfirmationType.CERTIFICATE_EXCHANGED);
    final SenderExchangedCertificate partnerExchanged = new SenderExchangedCertificate(RENEWAL, ACME, "c-exchanged",
            PARTNER_EXCHANGED);
    final IntegrationFlowRedeployed redeployed = new IntegrationFlowRedeployed(RENEWAL, ACME, "integration-developer",
            REDEPLOYED);

    AggregateTestFixture<Renewal> fixture;

    static RenewalStarted started(ExchangeApproval approval) {
        return new RenewalStarted(RENEWAL, ALIAS, ACME, PLAYBOOK, Duration.ofDays(1), KeyAlgorithm.RSA_3072, T0,
                approval, null, null, CertificateSource.DEFAULT, KeyPairActivation.STAGED_UNTIL_EXCHANGE,
                Playbooks.CATALOGUE_VERSION, RECEIVER, null);
    }

    List<Object> until(Object... more) {
        List<Object> events = new ArrayList<>(List.of(started, created, provided, proposed, agreed));
        events.addAll(List.of(more));
        return events;
    }

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Renewal.class);
        fixture.registerInjectableResource(new RenewalTimings(REMINDER));
    }

    @Test
    void stagesTheNewKeyPairAndGivesTheReceiverItsCertificateToExchangeAtTheDowntime() {
        fixture.givenNoPriorActivity()
                .when(new StartRenewal(RENEWAL, ALIAS, ACME, PLAYBOOK, Duration.ofDays(1), KeyAlgorithm.RSA_3072, T0))
                .expectEvents(started);
        fixture.given(started)
                .when(new RecordKeyPairGenerated(RENEWAL, "rep-1", NEW, OLD, T1))
                .expectEvents(created, provided)
                .expectNoScheduledDeadlines();
    }

    @Test
    void theTenantProposesTheWindowAndTheReceiverAgreesWithNothingMoreToDo() {
        fixture.given(started, created, provided)
                .when(new TakeTenantStep(RENEWAL, Milestone.DOWNTIME_PROPOSED, StepParameters.window(WINDOW_START,
                        WINDOW_END), "tenant-admin", PROPOSED))
                .expectEvents(proposed);
        fixture.given(started, created, provided, proposed)
                .when(new ConfirmPartnerStep(RENEWAL, "c-window", ACME, ConfirmationType.DOWNTIME_ACCEPTED, AGREED))
                .expectEvents(agreed)
                .expectScheduledDeadlineWithName(WINDOW_END, Renewal.DOWNTIME_WINDOW_END);
    }

    @Test
    void theFlowIsUndeployedFromTheWindowsStartNotBeforeAndNotByAnAutomaticRenewal() {
        fixture.given(until())
                .when(undeploy(WINDOW_START.minusSeconds(1)))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("only from the start of the agreed downtime window"))
                .expectNoEvents();
        fixture.given(until())
                .when(undeploy(UNDEPLOYED))
                .expectEvents(undeployed);
        RenewalStarted automatic = started(ExchangeApproval.AUTOMATIC);
        fixture.given(automatic, created, provided, proposed)
                .when(new ConfirmPartnerStep(RENEWAL, "c-window", ACME, ConfirmationType.DOWNTIME_ACCEPTED, AGREED))
                .expectEvents(agreed);
        fixture.given(automatic, created, provided, proposed, agreed)
                .when(undeploy(UNDEPLOYED))
                .expectEvents(new IntegrationFlowUndeployed(RENEWAL, ACME, "integration-developer", UNDEPLOYED),
                        new DrainConfirmed(RENEWAL, Renewal.SYSTEM, UNDEPLOYED),
                        new KeyPairExchangeApproved(RENEWAL, Renewal.SYSTEM, UNDEPLOYED),
                        new KeyPairExchangeDecided(RENEWAL, ALIAS, NEW.ref(), OLD, Duration.ofDays(90), UNDEPLOYED));
    }

    @Test
    void theExchangeIsDecidedOnlyOnceTheFlowIsUndeployedAndNoOldSignatureIsOnItsWay() {
        fixture.given(until())
                .when(new TakeTenantStep(RENEWAL, Milestone.EXCHANGE_APPROVED, "tenant-admin", DRAINED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("needs DRAIN_CONFIRMED first"))
                .expectNoEvents();
        fixture.given(until())
                .when(new TakeTenantStep(RENEWAL, Milestone.DRAIN_CONFIRMED, "tenant-admin", DRAINED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("needs FLOW_UNDEPLOYED first"))
                .expectNoEvents();
        fixture.given(until(undeployed, drained))
                .when(new TakeTenantStep(RENEWAL, Milestone.EXCHANGE_APPROVED, "tenant-admin", DRAINED))
                .expectEvents(approved, decided);
    }

    @Test
    void theExchangeStartsTheRetentionAndAsksTheReceiverToExchangeTheCertificate() {
        fixture.given(until(undeployed, drained, approved, decided))
                .when(new RecordKeyPairExchanged(RENEWAL, "rep-2", NEW.ref(), OLD, EXCHANGED))
                .expectEvents(exchanged, informed)
                .expectScheduledDeadlineWithName(RETAIN_UNTIL, Renewal.RETENTION_ELAPSED)
                .expectScheduledDeadlineWithName(EXCHANGED.plus(REMINDER), Renewal.PARTNER_STEP_OVERDUE);
    }

    @Test
    void theFlowIsRedeployedOnlyOnceTheReceiverExchangedTheCertificate() {
        fixture.given(until(undeployed, drained, approved, decided, exchanged, informed))
                .when(redeploy(REDEPLOYED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("needs SENDER_EXCHANGED_CERTIFICATE first"))
                .expectNoEvents();
        fixture.given(until(undeployed, drained, approved, decided, exchanged, informed))
                .when(new ConfirmPartnerStep(RENEWAL, "c-exchanged", ACME, ConfirmationType.CERTIFICATE_EXCHANGED,
                        PARTNER_EXCHANGED))
                .expectEvents(partnerExchanged);
        fixture.given(until(undeployed, drained, approved, decided, exchanged, informed, partnerExchanged))
                .when(redeploy(REDEPLOYED))
                .expectEvents(redeployed);
    }

    @Test
    void theWindowsEndWithTheFlowStillUndeployedAlertsTheTenant() {
        fixture.given(started, created, provided, proposed)
                .andGivenCommands(new ConfirmPartnerStep(RENEWAL, "c-window", ACME,
                        ConfirmationType.DOWNTIME_ACCEPTED, AGREED))
                .whenThenTimeAdvancesTo(WINDOW_END)
                .expectEvents(new DowntimeOverrun(RENEWAL, ACME, WINDOW_END, WINDOW_END));
    }

    @Test
    void completesOnceTheFlowIsRedeployedAndTheOldKeyPairRemoved() {
        OldKeyPairRemovalDecided removal = new OldKeyPairRemovalDecided(RENEWAL, ALIAS, OLD, RETAIN_UNTIL);
        Instant removed = RETAIN_UNTIL.plusSeconds(1);
        fixture.given(until(undeployed, drained, approved, decided, exchanged, informed, partnerExchanged, redeployed,
                        removal))
                .when(new RecordKeyPairRemoved(RENEWAL, "rep-3", OLD, removed))
                .expectEvents(new OldKeyPairRemoved(RENEWAL, ALIAS, OLD, removed),
                        new RenewalCompleted(RENEWAL, ALIAS, ACME, removed));
    }

    @Test
    void abortsBeforeTheExchangeIsDecidedAndHasNoRollback() {
        fixture.given(until(undeployed))
                .when(new AbortRenewal(RENEWAL, "window missed", "operator", DRAINED))
                .expectEvents(new RenewalAborted(RENEWAL, ALIAS, ACME, "window missed", "operator", NEW.ref(),
                        DRAINED));
        fixture.given(until(undeployed, drained, approved, decided))
                .when(new AbortRenewal(RENEWAL, "too late", "operator", EXCHANGED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("the exchange is decided: an abort is no longer possible"))
                .expectNoEvents();
        fixture.given(until(undeployed, drained, approved, decided, exchanged, informed))
                .when(new RollBack(RENEWAL, "receiver broken", "operator", PARTNER_EXCHANGED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("has no rollback"))
                .expectNoEvents();
    }

    private static TakeTenantStep undeploy(Instant at) {
        return new TakeTenantStep(RENEWAL, Milestone.FLOW_UNDEPLOYED, StepParameters.NONE, "integration-developer",
                at);
    }

    private static TakeTenantStep redeploy(Instant at) {
        return new TakeTenantStep(RENEWAL, Milestone.FLOW_REDEPLOYED, StepParameters.NONE, "integration-developer",
                at);
    }
}
