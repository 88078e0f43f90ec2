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
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.KeystoreFailureRecorded;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.OldKeyPairRemoved;
import io.keyrenewal.contracts.renewal.PartnerConfirmationRejected;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.renewal.playbook.Commands.ConfirmPartnerStep;
import io.keyrenewal.renewal.playbook.Commands.RecordConfirmationRejection;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairGenerated;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairRemoved;
import io.keyrenewal.renewal.playbook.Commands.RecordKeystoreFailure;
import io.keyrenewal.renewal.playbook.Commands.StartRenewal;
import io.keyrenewal.renewal.playbook.Commands.TakeTenantStep;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Playbook 3, step for step and refusal for refusal; {@link RenewalPlaybook4Test} runs them for playbook 4. */
class RenewalPlaybook3Test {

    static final RenewalId RENEWAL = new RenewalId("r-1");
    static final PartnerId ACME = new PartnerId("acme");
    static final String ALIAS = "partner-acme-decrypt";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration GDT = Duration.ofDays(30);
    static final CertificateInfo NEW = new CertificateInfo("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            new Fingerprint("ab".repeat(32)), "CN=" + ALIAS, "CN=" + ALIAS, "02", T0, T0.plus(Duration.ofDays(365)));
    static final CertificateRef OLD = new CertificateRef(new Fingerprint("cd".repeat(32)), "CN=" + ALIAS, "01");
    static final Instant SWITCHED = T0.plus(Duration.ofHours(2));
    static final Instant RETAIN_UNTIL = SWITCHED.plus(Duration.ofDays(90));

    final PlaybookDefinition definition = Playbooks.of(playbook());
    final RenewalStarted started = started(GDT);
    final NewKeyPairCreated created = new NewKeyPairCreated(RENEWAL, ALIAS, NEW, OLD, T0.plusSeconds(1));
    final CertificateProvided provided = new CertificateProvided(RENEWAL, ALIAS, ACME,
            definition.partnerRole(), playbook(), NEW, T0.plusSeconds(1),
            T0.plusSeconds(1).plus(Duration.ofDays(3)), ConfirmationType.SWITCHED_TO_NEW_KEY,
            CertificateUse.ENCRYPT_WITH_NEW);
    final PartnerSwitchedToNewKey switched = new PartnerSwitchedToNewKey(RENEWAL, ACME, "c-1", RETAIN_UNTIL, SWITCHED);
    final Instant decidedAt = RETAIN_UNTIL;
    final OldKeyPairRemovalDecided removalDecided = new OldKeyPairRemovalDecided(RENEWAL, ALIAS, OLD, decidedAt);

    AggregateTestFixture<Renewal> fixture;

    /** The playbook these tests run: a subclass runs them for another playbook with the same steps. */
    Playbook playbook() {
        return Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE;
    }

    /** The start as the catalogue's definition of {@link #playbook()} records it. */
    RenewalStarted started(Duration guaranteedDeliveryTime) {
        return new RenewalStarted(RENEWAL, ALIAS, ACME, playbook(), guaranteedDeliveryTime, KeyAlgorithm.EC_P256, T0,
                ExchangeApproval.TENANT_APPROVES, null, null, CertificateSource.DEFAULT,
                Playbooks.of(playbook()).newKeyPair(), Playbooks.CATALOGUE_VERSION,
                Playbooks.of(playbook()).partnerRole());
    }

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Renewal.class);
        fixture.registerInjectableResource(new RenewalTimings(java.time.Duration.ofDays(3)));
    }

    @Test
    void startsARenewalOfPlaybook3() {
        fixture.givenNoPriorActivity()
                .when(new StartRenewal(RENEWAL, ALIAS, ACME, playbook(), GDT, KeyAlgorithm.EC_P256, T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(started);
    }

    @Test
    void runsARenewalByTheCatalogueVersionItStartedWithAndRefusesToGuessAnUnknownOne() {
        assertThat(started.catalogueVersion()).as("a renewal started now records the catalogue it follows")
                .isEqualTo(Playbooks.CATALOGUE_VERSION);
        RenewalStarted byANewerService = new RenewalStarted(RENEWAL, ALIAS, ACME, playbook(), GDT, KeyAlgorithm.EC_P256,
                T0, ExchangeApproval.TENANT_APPROVES, null, null, CertificateSource.SELF_SIGNED,
                KeyPairActivation.ACTIVE_AT_ONCE, Playbooks.CATALOGUE_VERSION + 1, definition.partnerRole());

        fixture.given(byANewerService)
                .when(new RecordKeyPairGenerated(RENEWAL, "rep-1", NEW, OLD, T0.plusSeconds(1)))
                .expectException(Matchers.hasProperty("cause", Matchers.allOf(
                        Matchers.instanceOf(IllegalStateException.class),
                        Matchers.hasProperty("message", Matchers.containsString("playbook catalogue version "
                                + (Playbooks.CATALOGUE_VERSION + 1) + " is unknown to this service")))));
    }

    @Test
    void refusesAnAliasTheKeystoreCannotHold() {
        fixture.givenNoPriorActivity()
                .when(new StartRenewal(RENEWAL, "Has Spaces", ACME, playbook(), GDT, KeyAlgorithm.EC_P256, T0))
                .expectException(RenewalRefused.InvalidRenewalRequest.class)
                .expectNoEvents();
    }

    @Test
    void providesTheCertificateToTheReceiverAsSoonAsTheKeystoreHoldsTheNewKeyPair() {
        fixture.given(started)
                .when(new RecordKeyPairGenerated(RENEWAL, "rep-1", NEW, OLD, T0.plusSeconds(1)))
                .expectEvents(created, provided);
    }

    @Test
    void theCertificateCarriesTheRespondByDateThatTheReminderIsScheduledFor() {
        fixture.given(started)
                .when(new RecordKeyPairGenerated(RENEWAL, "rep-1", NEW, OLD, T0.plusSeconds(1)))
                .expectEvents(created, provided)
                .expectScheduledDeadlineWithName(provided.respondBy(), Renewal.PARTNER_STEP_OVERDUE);
    }

    @Test
    void passingTheRespondByDateIsWhatMakesTheSwitchOverdue() {
        fixture.given(started)
                .andGivenCommands(new RecordKeyPairGenerated(RENEWAL, "rep-1", NEW, OLD, T0.plusSeconds(1)))
                .whenThenTimeAdvancesTo(provided.respondBy().minusSeconds(1))
                .expectNoEvents();
        fixture(); // the stub deadline manager keeps what the first run scheduled
        fixture.given(started)
                .andGivenCommands(new RecordKeyPairGenerated(RENEWAL, "rep-1", NEW, OLD, T0.plusSeconds(1)))
                .whenThenTimeAdvancesTo(provided.respondBy())
                .expectEvents(new io.keyrenewal.contracts.renewal.PartnerStepOverdue(RENEWAL, ACME,
                        definition.partnerRole(), ConfirmationType.SWITCHED_TO_NEW_KEY, T0.plusSeconds(1),
                        provided.respondBy()));
    }

    @Test
    void ignoresTheSameKeystoreReportDeliveredTwice() {
        fixture.given(started, created, provided)
                .when(new RecordKeyPairGenerated(RENEWAL, "rep-1", NEW, OLD, T0.plusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void retainsTheOldKeyPairForMaxOf90DaysAndTheGuaranteedDeliveryTimeWhenTheReceiverSwitched() {
        fixture.given(started, created, provided)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY, SWITCHED))
                .expectEvents(switched)
                .expectScheduledDeadlineWithName(RETAIN_UNTIL, Renewal.RETENTION_ELAPSED);
    }

    @Test
    void aGuaranteedDeliveryTimeLongerThan90DaysExtendsTheRetention() {
        RenewalStarted longDelivery = started(Duration.ofDays(120));
        fixture.given(longDelivery, created, provided)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY, SWITCHED))
                .expectEvents(new PartnerSwitchedToNewKey(RENEWAL, ACME, "c-1", SWITCHED.plus(Duration.ofDays(120)),
                        SWITCHED))
                .expectScheduledDeadlineWithName(SWITCHED.plus(Duration.ofDays(120)), Renewal.RETENTION_ELAPSED);
    }

    @Test
    void refusesAConfirmationMadeLongerAgoThanTheClockSkewAllows() {
        fixture.given(started, created, provided)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY,
                        SWITCHED.minus(Duration.ofMinutes(6)), Duration.ofMinutes(5), SWITCHED))
                .expectException(RenewalRefused.StaleConfirmation.class)
                .expectNoEvents();
        fixture.given(started, created, provided)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY,
                        SWITCHED.minus(Duration.ofMinutes(4)), Duration.ofMinutes(5), SWITCHED))
                .expectEvents(switched);
    }

    @Test
    void aConfirmationMadeWithinTheSkewOfItsArrivalIsAppliedHoweverLongItThenWaitedToBeHandled() {
        Instant madeAndPublished = SWITCHED.minus(Duration.ofMinutes(20));
        fixture.given(started, created, provided)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY,
                        madeAndPublished, Duration.ofMinutes(5), madeAndPublished.plusSeconds(1), SWITCHED))
                .expectEvents(switched);
        fixture.given(started, created, provided)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY,
                        madeAndPublished, Duration.ofMinutes(5), madeAndPublished.plus(Duration.ofMinutes(6)),
                        SWITCHED))
                .expectException(RenewalRefused.StaleConfirmation.class)
                .expectNoEvents();
    }

    @Test
    void aRetryOfAnAppliedConfirmationIsANoOpEvenOnceItsTimeIsStale() {
        fixture.given(started, created, provided, switched)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY,
                        SWITCHED, Duration.ofMinutes(5), SWITCHED.plus(Duration.ofDays(1))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void recordsARejectedConfirmationOncePerDelivery() {
        PartnerConfirmationRejected rejected = new PartnerConfirmationRejected(RENEWAL, "kafka:t/0/7", "c-9",
                "acme", "SWITCHED_TO_NEW_KEY", "signature of partner acme: does not match", SWITCHED);
        fixture.given(started, created, provided)
                .when(new RecordConfirmationRejection(RENEWAL, "kafka:t/0/7", "c-9", "acme", "SWITCHED_TO_NEW_KEY",
                        "signature of partner acme: does not match", SWITCHED))
                .expectEvents(rejected);
        fixture.given(started, created, provided, rejected)
                .when(new RecordConfirmationRejection(RENEWAL, "kafka:t/0/7", "c-9", "acme", "SWITCHED_TO_NEW_KEY",
                        "signature of partner acme: does not match", SWITCHED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesTheSwitchBeforeTheCertificateWasProvided() {
        fixture.given(started)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY, SWITCHED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void refusesAConfirmationFromAnotherPartner() {
        fixture.given(started, created, provided)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", new PartnerId("globex"),
                        ConfirmationType.SWITCHED_TO_NEW_KEY, SWITCHED))
                .expectException(RenewalRefused.PartnerMismatch.class)
                .expectNoEvents();
    }

    @Test
    void refusesAConfirmationTypeThatIsNotAStepOfPlaybook3() {
        fixture.given(started, created, provided)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.VERIFIES_BOTH, SWITCHED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void aRetriedConfirmationIsANoOp() {
        fixture.given(started, created, provided, switched)
                .when(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY,
                        SWITCHED.plusSeconds(30)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRepeatedSwitchUnderAnotherConfirmationIdIsANoOp() {
        fixture.given(started, created, provided, switched)
                .when(new ConfirmPartnerStep(RENEWAL, "c-2", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY,
                        SWITCHED.plusSeconds(30)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAnAbortOnceTheReceiverHasTheNewCertificate() {
        fixture.given(started, created, provided)
                .when(new Commands.AbortRenewal(RENEWAL, "changed our mind", "tenant-admin", SWITCHED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("must stay to decrypt"))
                .expectNoEvents();
    }

    @Test
    void refusesToRemoveTheOldKeyPairBeforeTheRetentionElapsedWhoeverAsks() {
        fixture.given(started, created, provided, switched)
                .when(new Commands.RemoveOldKeyPair(RENEWAL, "tenant-admin", RETAIN_UNTIL.minusSeconds(1)))
                .expectException(RenewalRefused.RetentionNotElapsed.class)
                .expectNoEvents();
    }

    @Test
    void removesTheOldKeyPairOnRequestOnceTheRetentionElapsed() {
        fixture.given(started, created, provided, switched)
                .when(new Commands.RemoveOldKeyPair(RENEWAL, "tenant-admin", RETAIN_UNTIL))
                .expectEvents(new OldKeyPairRemovalDecided(RENEWAL, ALIAS, OLD, RETAIN_UNTIL));
    }

    @Test
    void refusesEveryStepOfAnotherPlaybook() {
        fixture.given(started, created, provided)
                .when(new TakeTenantStep(RENEWAL, Milestone.EXCHANGE_APPROVED, "tenant-admin", SWITCHED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("not a step of playbook"))
                .expectNoEvents();
    }

    @Test
    void refusesEveryStepOfACompletedRenewal() {
        Instant removedAt = decidedAt.plusSeconds(1);
        fixture.given(started, created, provided, switched, removalDecided,
                        new OldKeyPairRemoved(RENEWAL, ALIAS, OLD, removedAt),
                        new RenewalCompleted(RENEWAL, ALIAS, ACME, removedAt))
                .when(new Commands.AbortRenewal(RENEWAL, "too late", "tenant-admin", removedAt))
                .expectException(RenewalRefused.RenewalClosed.class)
                .expectNoEvents();
    }

    @Test
    void decidesTheRemovalOfTheOldKeyPairWhenTheRetentionElapsed() {
        fixture.given(started, created, provided)
                .andGivenCommands(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY,
                        SWITCHED))
                .whenThenTimeAdvancesTo(RETAIN_UNTIL)
                .expectTriggeredDeadlinesWithName(Renewal.RETENTION_ELAPSED)
                .expectEvents(removalDecided);
    }

    @Test
    void doesNotDecideTheRemovalOneMinuteBeforeTheRetentionElapsed() {
        fixture.given(started, created, provided)
                .andGivenCommands(new ConfirmPartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY,
                        SWITCHED))
                .whenThenTimeAdvancesTo(RETAIN_UNTIL.minus(Duration.ofMinutes(1)))
                .expectNoEvents()
                .expectScheduledDeadlineWithName(RETAIN_UNTIL, Renewal.RETENTION_ELAPSED);
    }

    @Test
    void refusesARemovalReportBeforeTheRemovalWasDecided() {
        fixture.given(started, created, provided, switched)
                .when(new RecordKeyPairRemoved(RENEWAL, "rep-2", OLD, SWITCHED.plusSeconds(60)))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void completesWhenTheKeystoreRemovedTheOldKeyPair() {
        Instant removedAt = decidedAt.plusSeconds(1);
        fixture.given(started, created, provided, switched, removalDecided)
                .when(new RecordKeyPairRemoved(RENEWAL, "rep-2", OLD, removedAt))
                .expectEvents(new OldKeyPairRemoved(RENEWAL, ALIAS, OLD, removedAt),
                        new RenewalCompleted(RENEWAL, ALIAS, ACME, removedAt));
    }

    @Test
    void aRepeatedRemovalReportAfterCompletionIsANoOp() {
        Instant removedAt = decidedAt.plusSeconds(1);
        fixture.given(started, created, provided, switched, removalDecided,
                        new OldKeyPairRemoved(RENEWAL, ALIAS, OLD, removedAt),
                        new RenewalCompleted(RENEWAL, ALIAS, ACME, removedAt))
                .when(new RecordKeyPairRemoved(RENEWAL, "rep-2", OLD, removedAt))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void recordsAKeystoreFailureWithItsReason() {
        fixture.given(started)
                .when(new RecordKeystoreFailure(RENEWAL, "rep-3", "GENERATE", "disk full", T0.plusSeconds(1)))
                .expectEvents(new KeystoreFailureRecorded(RENEWAL, "rep-3", "GENERATE", "disk full",
                        T0.plusSeconds(1), 0, T0.plusSeconds(61)));
    }

    @Test
    void recordsTheSameKeystoreFailureReportOnlyOnce() {
        fixture.given(started, new KeystoreFailureRecorded(RENEWAL, "rep-3", "GENERATE", "disk full",
                        T0.plusSeconds(1)))
                .when(new RecordKeystoreFailure(RENEWAL, "rep-3", "GENERATE", "disk full", T0.plusSeconds(2)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
