package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairExchangeApproved;
import io.keyrenewal.contracts.renewal.KeyPairExchangeDecided;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.PartnerInformedOfExchange;
import io.keyrenewal.contracts.renewal.PartnerRefusedStep;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.contracts.renewal.RollbackDecided;
import io.keyrenewal.renewal.playbook.Commands.AbortRenewal;
import io.keyrenewal.renewal.playbook.Commands.ConfirmPartnerStep;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairGenerated;
import io.keyrenewal.renewal.playbook.Commands.RefusePartnerStep;
import io.keyrenewal.renewal.playbook.Commands.RollBack;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.hamcrest.Matchers.containsString;

/**
 * A partner refuses the step it is asked for, in each playbook with a partner step: recorded with its reason, the step
 * stays awaited, the reminders stop, and the tenant aborts (or rolls back) where the playbook allows it.
 */
class RenewalPartnerRefusalTest {

    static final RenewalId RENEWAL = new RenewalId("r-9");
    static final PartnerId ACME = new PartnerId("acme");
    static final String ALIAS = "acme-key";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(1);
    static final Instant REFUSED = T0.plus(Duration.ofHours(1));
    static final String REASON = "our verifier holds one certificate per partner";
    static final CertificateInfo NEW = new CertificateInfo("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            new Fingerprint("ab".repeat(32)), "CN=" + ALIAS, "CN=" + ALIAS, "02", T0, T0.plus(Duration.ofDays(365)));
    static final CertificateRef OLD = new CertificateRef(new Fingerprint("cd".repeat(32)), "CN=" + ALIAS, "01");

    AggregateTestFixture<Renewal> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Renewal.class);
        fixture.registerInjectableResource(new RenewalTimings(Duration.ofDays(3)));
    }

    static RenewalStarted started(Playbook playbook) {
        return new RenewalStarted(RENEWAL, ALIAS, ACME, playbook, Duration.ofDays(7), KeyAlgorithm.EC_P256, T0);
    }

    static CertificateProvided provided(Playbook playbook) {
        return new CertificateProvided(RENEWAL, ALIAS, ACME, Playbooks.of(playbook).partnerRole(), playbook, NEW, T1);
    }

    static final NewKeyPairCreated CREATED = new NewKeyPairCreated(RENEWAL, ALIAS, NEW, OLD, T1);
    static final Playbook PLAYBOOK_1 = Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH;
    static final Playbook PLAYBOOK_2 = Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME;
    static final Playbook PLAYBOOK_3 = Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE;

    static RefusePartnerStep refusal(String id, ConfirmationType type) {
        return new RefusePartnerStep(RENEWAL, id, ACME, type, REASON, "ONE_KEY_ONLY", REFUSED);
    }

    static PartnerRefusedStep refused(String id, ConfirmationType type) {
        return new PartnerRefusedStep(RENEWAL, ACME, type, REASON, "ONE_KEY_ONLY", id, REFUSED);
    }

    // ---- playbook 1 -------------------------------------------------------------------------------------------------

    @Test
    void playbook1TheSenderRefusesToVerifyBothAndTheStepStaysAwaitedSoItMayStillConfirm() {
        fixture.given(started(PLAYBOOK_1), CREATED, provided(PLAYBOOK_1))
                .when(refusal("c-1", ConfirmationType.VERIFIES_BOTH))
                .expectSuccessfulHandlerExecution()
                .expectEvents(refused("c-1", ConfirmationType.VERIFIES_BOTH));
        fixture.given(started(PLAYBOOK_1), CREATED, provided(PLAYBOOK_1), refused("c-1", ConfirmationType.VERIFIES_BOTH))
                .when(new ConfirmPartnerStep(RENEWAL, "c-2", ACME, ConfirmationType.VERIFIES_BOTH, REFUSED.plusSeconds(60)))
                .expectEvents(new PartnerVerifiesBoth(RENEWAL, ACME, "c-2", REFUSED.plusSeconds(60)));
    }

    @Test
    void playbook1TheTenantAbortsAfterTheRefusalAndTheKeystoreDiscardsTheStagedKeyPair() {
        fixture.given(started(PLAYBOOK_1), CREATED, provided(PLAYBOOK_1), refused("c-1", ConfirmationType.VERIFIES_BOTH))
                .when(new AbortRenewal(RENEWAL, "partner refused: " + REASON, "tenant-admin", REFUSED.plusSeconds(60)))
                .expectEvents(new RenewalAborted(RENEWAL, ALIAS, ACME, "partner refused: " + REASON, "tenant-admin",
                        NEW.ref(), REFUSED.plusSeconds(60)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aRefusalStopsTheRemindersAndTheEscalationOfTheRefusedStep() {
        fixture.given(started(PLAYBOOK_1))
                .andGivenCommands(new RecordKeyPairGenerated(RENEWAL, "rep-1", NEW, OLD, T1),
                        refusal("c-1", ConfirmationType.VERIFIES_BOTH))
                .whenThenTimeAdvancesTo(T1.plus(Duration.ofDays(7)))
                .expectNoEvents();
    }

    @Test
    void playbook1AfterTheExchangeTheSenderRefusesToRemoveTheOldCertificateAndTheTenantRollsBack() {
        Instant exchangedAt = T0.plus(Duration.ofMinutes(30));
        Object[] exchangedAndInformed = {started(PLAYBOOK_1), CREATED, provided(PLAYBOOK_1),
                new PartnerVerifiesBoth(RENEWAL, ACME, "c-0", T0.plus(Duration.ofMinutes(10))),
                new KeyPairExchangeApproved(RENEWAL, "tenant-admin", T0.plus(Duration.ofMinutes(20))),
                new KeyPairExchangeDecided(RENEWAL, ALIAS, NEW.ref(), OLD, Duration.ofDays(90),
                        T0.plus(Duration.ofMinutes(20))),
                new KeyPairExchanged(RENEWAL, ALIAS, NEW.ref(), OLD, exchangedAt.plus(Duration.ofDays(90)), exchangedAt),
                new PartnerInformedOfExchange(RENEWAL, ACME, PartnerRole.SENDER_ADMINISTRATOR, PLAYBOOK_1, NEW.ref(),
                        exchangedAt)};
        fixture.given(exchangedAndInformed)
                .when(refusal("c-1", ConfirmationType.OLD_CERTIFICATE_REMOVED))
                .expectEvents(refused("c-1", ConfirmationType.OLD_CERTIFICATE_REMOVED));
        fixture.given(exchangedAndInformed).andGiven(refused("c-1", ConfirmationType.OLD_CERTIFICATE_REMOVED))
                .when(new AbortRenewal(RENEWAL, "refused", "tenant-admin", REFUSED.plusSeconds(60)))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("roll back instead"));
        fixture.given(exchangedAndInformed).andGiven(refused("c-1", ConfirmationType.OLD_CERTIFICATE_REMOVED))
                .when(new RollBack(RENEWAL, "refused", "tenant-admin", REFUSED.plusSeconds(60)))
                .expectEvents(new RollbackDecided(RENEWAL, ALIAS, OLD, NEW.ref(), "refused", "tenant-admin",
                        REFUSED.plusSeconds(60)));
    }

    // ---- playbook 2 -------------------------------------------------------------------------------------------------

    @Test
    void playbook2TheSenderRefusesTheProposedDowntimeAndTheTenantAborts() {
        Instant windowStart = T0.plus(Duration.ofDays(2));
        DowntimeProposed proposed = new DowntimeProposed(RENEWAL, ACME, windowStart, windowStart.plusSeconds(3600),
                "tenant-admin", T0.plus(Duration.ofMinutes(30)));
        fixture.given(started(PLAYBOOK_2), CREATED, provided(PLAYBOOK_2), proposed)
                .when(refusal("c-1", ConfirmationType.DOWNTIME_ACCEPTED))
                .expectEvents(refused("c-1", ConfirmationType.DOWNTIME_ACCEPTED));
        fixture.given(started(PLAYBOOK_2), CREATED, provided(PLAYBOOK_2), proposed,
                        refused("c-1", ConfirmationType.DOWNTIME_ACCEPTED))
                .when(new AbortRenewal(RENEWAL, "no window suits the sender", "tenant-admin", REFUSED.plusSeconds(60)))
                .expectEvents(new RenewalAborted(RENEWAL, ALIAS, ACME, "no window suits the sender", "tenant-admin",
                        NEW.ref(), REFUSED.plusSeconds(60)));
    }

    @Test
    void playbook2NothingCanBeRefusedBeforeTheTenantProposedTheDowntime() {
        fixture.given(started(PLAYBOOK_2), CREATED, provided(PLAYBOOK_2))
                .when(refusal("c-1", ConfirmationType.DOWNTIME_ACCEPTED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("needs DOWNTIME_PROPOSED first"))
                .expectNoEvents();
    }

    // ---- playbook 3 -------------------------------------------------------------------------------------------------

    @Test
    void playbook3TheReceiverRefusesToSwitchAndMayStillSwitchLater() {
        fixture.given(started(PLAYBOOK_3), CREATED, provided(PLAYBOOK_3))
                .when(refusal("c-1", ConfirmationType.SWITCHED_TO_NEW_KEY))
                .expectEvents(refused("c-1", ConfirmationType.SWITCHED_TO_NEW_KEY));
        Instant switchedAt = REFUSED.plus(Duration.ofDays(1));
        fixture.given(started(PLAYBOOK_3), CREATED, provided(PLAYBOOK_3),
                        refused("c-1", ConfirmationType.SWITCHED_TO_NEW_KEY))
                .when(new ConfirmPartnerStep(RENEWAL, "c-2", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY, switchedAt))
                .expectEvents(new PartnerSwitchedToNewKey(RENEWAL, ACME, "c-2", switchedAt.plus(Duration.ofDays(90)),
                        switchedAt));
    }

    @Test
    void playbook3AnAbortStaysRefusedAfterTheRefusalBecauseTheNewKeyPairAlreadyDecrypts() {
        fixture.given(started(PLAYBOOK_3), CREATED, provided(PLAYBOOK_3),
                        refused("c-1", ConfirmationType.SWITCHED_TO_NEW_KEY))
                .when(new AbortRenewal(RENEWAL, "refused", "tenant-admin", REFUSED.plusSeconds(60)))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("must stay to decrypt"))
                .expectNoEvents();
    }

    // ---- refusals that are refused ----------------------------------------------------------------------------------

    @Test
    void aRetriedRefusalIsRecordedOnce() {
        fixture.given(started(PLAYBOOK_1), CREATED, provided(PLAYBOOK_1), refused("c-1", ConfirmationType.VERIFIES_BOTH))
                .when(refusal("c-1", ConfirmationType.VERIFIES_BOTH))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void onlyTheStepAwaitedFromThePartnerNowCanBeRefused() {
        fixture.given(started(PLAYBOOK_1), CREATED, provided(PLAYBOOK_1))
                .when(refusal("c-1", ConfirmationType.OLD_CERTIFICATE_REMOVED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("not allowed yet"))
                .expectNoEvents();
        fixture.given(started(PLAYBOOK_1))
                .when(refusal("c-1", ConfirmationType.VERIFIES_BOTH))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectNoEvents();
        fixture.given(started(PLAYBOOK_1), CREATED, provided(PLAYBOOK_1),
                        new PartnerVerifiesBoth(RENEWAL, ACME, "c-0", T0.plus(Duration.ofMinutes(10))))
                .when(refusal("c-1", ConfirmationType.VERIFIES_BOTH))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("already done"))
                .expectNoEvents();
    }

    @Test
    void aStepOfAnotherPlaybookCannotBeRefused() {
        fixture.given(started(PLAYBOOK_1), CREATED, provided(PLAYBOOK_1))
                .when(refusal("c-1", ConfirmationType.SWITCHED_TO_NEW_KEY))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("not a step of playbook"))
                .expectNoEvents();
    }

    @Test
    void anotherPartnerCannotRefuseTheStep() {
        fixture.given(started(PLAYBOOK_3), CREATED, provided(PLAYBOOK_3))
                .when(new RefusePartnerStep(RENEWAL, "c-1", new PartnerId("globex"),
                        ConfirmationType.SWITCHED_TO_NEW_KEY, REASON, null, REFUSED))
                .expectException(RenewalRefused.PartnerMismatch.class)
                .expectNoEvents();
    }

    @Test
    void aStaleRefusalIsRefusedAndAClosedRenewalTakesNone() {
        fixture.given(started(PLAYBOOK_3), CREATED, provided(PLAYBOOK_3))
                .when(new RefusePartnerStep(RENEWAL, "c-1", ACME, ConfirmationType.SWITCHED_TO_NEW_KEY, REASON, null,
                        REFUSED.minus(Duration.ofMinutes(6)), Duration.ofMinutes(5), REFUSED, REFUSED))
                .expectException(RenewalRefused.StaleConfirmation.class)
                .expectNoEvents();
        fixture.given(started(PLAYBOOK_1), CREATED, provided(PLAYBOOK_1),
                        new RenewalAborted(RENEWAL, ALIAS, ACME, "not needed", "tenant-admin", NEW.ref(), REFUSED))
                .when(refusal("c-1", ConfirmationType.VERIFIES_BOTH))
                .expectException(RenewalRefused.RenewalClosed.class)
                .expectNoEvents();
    }
}
