package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.renewal.KeystoreFailureRecorded;
import io.keyrenewal.contracts.renewal.KeystoreStepResolved;
import io.keyrenewal.contracts.renewal.KeystoreStepRetried;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.OldKeyPairRemoved;
import io.keyrenewal.contracts.renewal.PartnerRemovedOldCertificate;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.renewal.playbook.Commands.AbortRenewal;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairExchanged;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairRemoved;
import io.keyrenewal.renewal.playbook.Commands.RecordKeystoreFailure;
import io.keyrenewal.renewal.playbook.Commands.ResolveKeystoreStep;
import io.keyrenewal.renewal.playbook.Commands.RetryKeystoreStep;
import io.keyrenewal.renewal.playbook.Commands.RollBack;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.keyrenewal.renewal.playbook.RenewalPlaybook1Test.ACME;
import static io.keyrenewal.renewal.playbook.RenewalPlaybook1Test.ALIAS;
import static io.keyrenewal.renewal.playbook.RenewalPlaybook1Test.EXCHANGED;
import static io.keyrenewal.renewal.playbook.RenewalPlaybook1Test.NEW;
import static io.keyrenewal.renewal.playbook.RenewalPlaybook1Test.OLD;
import static io.keyrenewal.renewal.playbook.RenewalPlaybook1Test.RENEWAL;
import static io.keyrenewal.renewal.playbook.RenewalPlaybook1Test.RETAIN_UNTIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * A keystore step that failed never strands a renewal (playbook 1): the tenant retries it, aborts after a failed
 * exchange (the keys are as before the renewal), or settles a failed removal; nothing else changes meanwhile.
 */
class RenewalKeystoreFailureTest {

    /** The events of playbook 1 up to each point, as its own test has them. */
    private final RenewalPlaybook1Test playbook1 = new RenewalPlaybook1Test();
    private final io.keyrenewal.contracts.renewal.RenewalStarted started = playbook1.started;
    private final io.keyrenewal.contracts.renewal.NewKeyPairCreated created = playbook1.created;
    private final io.keyrenewal.contracts.renewal.CertificateProvided provided = playbook1.provided;
    private final io.keyrenewal.contracts.renewal.PartnerVerifiesBoth verifiesBoth = playbook1.verifiesBoth;
    private final io.keyrenewal.contracts.renewal.KeyPairExchangeApproved approved = playbook1.approved;
    private final io.keyrenewal.contracts.renewal.KeyPairExchangeDecided decided = playbook1.decided;
    private final io.keyrenewal.contracts.renewal.KeyPairExchanged exchanged = playbook1.exchanged;
    private final io.keyrenewal.contracts.renewal.PartnerInformedOfExchange informed = playbook1.informed;
    private final PartnerRemovedOldCertificate oldCertificateRemoved = playbook1.oldCertificateRemoved;
    private AggregateTestFixture<Renewal> fixture;

    static final Instant FAILED = EXCHANGED.plusSeconds(5);
    static final Instant RETRIED = FAILED.plus(Duration.ofMinutes(10));

    final KeystoreFailureRecorded exchangeFailed = new KeystoreFailureRecorded(RENEWAL, "rep-f1", "EXCHANGE",
            "the keystore could not be opened", FAILED);
    final KeystoreStepRetried exchangeRetried = new KeystoreStepRetried(RENEWAL, ALIAS, "EXCHANGE", "tenant-admin",
            RETRIED);
    final OldKeyPairRemovalDecided removalDecided = new OldKeyPairRemovalDecided(RENEWAL, ALIAS, OLD,
            RETAIN_UNTIL.plusSeconds(1));
    final KeystoreFailureRecorded removalFailed = new KeystoreFailureRecorded(RENEWAL, "rep-f2", "REMOVE",
            "retention not elapsed (keystore time behind)", RETAIN_UNTIL.plusSeconds(2));

    @BeforeEach
    void failureFixture() {
        fixture = new AggregateTestFixture<>(Renewal.class);
        fixture.registerInjectableResource(new RenewalTimings(Duration.ofDays(3)));
    }

    @Test
    void recordsTheKeystoresFailureAndRetriesItByItselfAMinuteLater() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided)
                .when(new RecordKeystoreFailure(RENEWAL, "rep-f1", "EXCHANGE", "the keystore could not be opened",
                        FAILED))
                .expectEvents(new KeystoreFailureRecorded(RENEWAL, "rep-f1", "EXCHANGE",
                        "the keystore could not be opened", FAILED, 0, FAILED.plus(Duration.ofMinutes(1))))
                .expectScheduledDeadlineWithName(FAILED.plus(Duration.ofMinutes(1)), Renewal.KEYSTORE_RETRY);
        fixture.given(started, created, provided, verifiesBoth, approved, decided)
                .andGivenCommands(new RecordKeystoreFailure(RENEWAL, "rep-f1", "EXCHANGE", "down", FAILED))
                .whenTimeElapses(Duration.ofMinutes(1))
                .expectEvents(new KeystoreStepRetried(RENEWAL, ALIAS, "EXCHANGE", Renewal.SYSTEM,
                        FAILED.plus(Duration.ofMinutes(1))));
    }

    @Test
    void waitsFourTimesAsLongBeforeEachNextAutomaticRetryAndStopsAfterTheLast() {
        java.util.List<Object> history = new java.util.ArrayList<>(java.util.List.of(started, created, provided,
                verifiesBoth, approved, decided));
        Instant failedAt = FAILED;
        long wait = 1;
        for (int retries = 0; retries < 5; retries++) {
            Instant due = failedAt.plus(Duration.ofMinutes(wait));
            history.add(new KeystoreFailureRecorded(RENEWAL, "rep-a" + retries, "EXCHANGE", "database down",
                    failedAt, retries, due));
            history.add(new KeystoreStepRetried(RENEWAL, ALIAS, "EXCHANGE", Renewal.SYSTEM, due));
            failedAt = due.plusSeconds(1);
            wait *= 4;
        }
        assertThat(wait).as("1, 4, 16, 64, 256 minutes, then no more").isEqualTo(1024);
        fixture.given(history)
                .when(new RecordKeystoreFailure(RENEWAL, "rep-last", "EXCHANGE", "database down", failedAt))
                .expectEvents(new KeystoreFailureRecorded(RENEWAL, "rep-last", "EXCHANGE", "database down",
                        failedAt, 5, null))
                .expectNoScheduledDeadlines();
        history.remove(history.size() - 1);
        history.remove(history.size() - 1);
        fixture.given(history)
                .when(new RecordKeystoreFailure(RENEWAL, "rep-4th", "EXCHANGE", "database down", failedAt))
                .expectEvents(new KeystoreFailureRecorded(RENEWAL, "rep-4th", "EXCHANGE", "database down",
                        failedAt, 4, failedAt.plus(Duration.ofMinutes(256))))
                .expectScheduledDeadlineWithName(failedAt.plus(Duration.ofMinutes(256)), Renewal.KEYSTORE_RETRY);
    }

    @Test
    void aTenantsRetryDoesNotUseUpTheAutomaticOnesAndASuccessStartsThemAfresh() {
        KeystoreStepRetried byTenant = new KeystoreStepRetried(RENEWAL, ALIAS, "EXCHANGE", "tenant-admin",
                RETRIED);
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchangeFailed, byTenant)
                .when(new RecordKeystoreFailure(RENEWAL, "rep-f3", "EXCHANGE", "again", RETRIED.plusSeconds(1)))
                .expectEvents(new KeystoreFailureRecorded(RENEWAL, "rep-f3", "EXCHANGE", "again",
                        RETRIED.plusSeconds(1), 0, RETRIED.plusSeconds(61)));
        Instant later = RETAIN_UNTIL.plusSeconds(2);
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchangeFailed,
                        new KeystoreStepRetried(RENEWAL, ALIAS, "EXCHANGE", Renewal.SYSTEM, RETRIED),
                        exchanged, informed, oldCertificateRemoved, removalDecided)
                .when(new RecordKeystoreFailure(RENEWAL, "rep-f4", "REMOVE", "clock behind", later))
                .expectEvents(new KeystoreFailureRecorded(RENEWAL, "rep-f4", "REMOVE", "clock behind", later, 0,
                        later.plusSeconds(60)));
    }

    @Test
    void theAutomaticRetryWaitsWhileTheTenantsRetryIsOnItsWayAndEndsWithTheRenewal() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided)
                .andGivenCommands(new RecordKeystoreFailure(RENEWAL, "rep-f1", "EXCHANGE", "down", FAILED),
                        new RetryKeystoreStep(RENEWAL, "tenant-admin", FAILED.plusSeconds(10)))
                .whenTimeElapses(Duration.ofMinutes(2))
                .expectNoEvents();
        fixture.given(started, created, provided, verifiesBoth, approved, decided)
                .andGivenCommands(new RecordKeystoreFailure(RENEWAL, "rep-f1", "EXCHANGE", "down", FAILED),
                        new AbortRenewal(RENEWAL, "give up", "tenant-admin", FAILED.plusSeconds(10)))
                .whenTimeElapses(Duration.ofMinutes(2))
                .expectNoEvents();
    }

    @Test
    void retriesTheFailedExchangeOnceUntilItsOutcomeIsReported() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchangeFailed)
                .when(new RetryKeystoreStep(RENEWAL, "tenant-admin", RETRIED))
                .expectEvents(exchangeRetried);
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchangeFailed, exchangeRetried)
                .when(new RetryKeystoreStep(RENEWAL, "tenant-admin", RETRIED.plusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void goesOnAsDecidedWhenTheRetriedExchangeSucceeds() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchangeFailed, exchangeRetried)
                .when(new RecordKeyPairExchanged(RENEWAL, "rep-3", NEW.ref(), OLD, RETRIED.plusSeconds(1)))
                .expectEvents(new io.keyrenewal.contracts.renewal.KeyPairExchanged(RENEWAL, ALIAS, NEW.ref(), OLD,
                                RETRIED.plusSeconds(1).plus(Duration.ofDays(90)), RETRIED.plusSeconds(1)),
                        new io.keyrenewal.contracts.renewal.PartnerInformedOfExchange(RENEWAL, ACME,
                                io.keyrenewal.contracts.renewal.PartnerRole.SENDER_ADMINISTRATOR,
                                io.keyrenewal.contracts.renewal.Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, NEW.ref(),
                                RETRIED.plusSeconds(1), RETRIED.plusSeconds(1).plus(Duration.ofDays(3))));
    }

    @Test
    void refusesARetryWhenNoKeystoreStepFailedOrTheFailureIsOver() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided)
                .when(new RetryKeystoreStep(RENEWAL, "tenant-admin", RETRIED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("nothing to retry"))
                .expectNoEvents();
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchangeFailed, exchangeRetried,
                        exchanged, informed)
                .when(new RetryKeystoreStep(RENEWAL, "tenant-admin", RETRIED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void abortsAfterAFailedExchangeSoTheKeystoreDiscardsTheStillStagedKeyPair() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchangeFailed)
                .when(new AbortRenewal(RENEWAL, "the keystore cannot exchange", "tenant-admin", RETRIED))
                .expectEvents(new RenewalAborted(RENEWAL, ALIAS, ACME, "the keystore cannot exchange",
                        "tenant-admin", NEW.ref(), RETRIED));
    }

    @Test
    void refusesTheAbortWhileARetryOfTheExchangeIsOnItsWayAndOnceTheExchangeIsDone() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchangeFailed, exchangeRetried)
                .when(new AbortRenewal(RENEWAL, "give up", "tenant-admin", RETRIED.plusSeconds(1)))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("retry"))
                .expectNoEvents();
        fixture.given(started, created, provided, verifiesBoth, approved, decided)
                .when(new AbortRenewal(RENEWAL, "give up", "tenant-admin", RETRIED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("the exchange is decided"))
                .expectNoEvents();
    }

    @Test
    void aRollbackAfterAFailedExchangeNamesTheWaysOut() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchangeFailed)
                .when(new RollBack(RENEWAL, "back", "tenant-admin", RETRIED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("abort instead (the keystore failed the exchange; or retry"))
                .expectNoEvents();
    }

    @Test
    void retriesAFailedRemovalAndCompletesWhenItSucceeds() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchanged, informed,
                        oldCertificateRemoved, removalDecided, removalFailed,
                        new KeystoreStepRetried(RENEWAL, ALIAS, "REMOVE", "tenant-admin", RETAIN_UNTIL.plusSeconds(9)))
                .when(new RecordKeyPairRemoved(RENEWAL, "rep-4", OLD, RETAIN_UNTIL.plusSeconds(10)))
                .expectEvents(new OldKeyPairRemoved(RENEWAL, ALIAS, OLD, RETAIN_UNTIL.plusSeconds(10)),
                        new RenewalCompleted(RENEWAL, ALIAS, ACME, RETAIN_UNTIL.plusSeconds(10)));
    }

    @Test
    void settlesAFailedRemovalSoTheRenewalCompletesWithTheOldKeyPairKept() {
        Instant at = RETAIN_UNTIL.plusSeconds(60);
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchanged, informed,
                        oldCertificateRemoved, removalDecided, removalFailed)
                .when(new ResolveKeystoreStep(RENEWAL, "archived key kept for the auditors", "tenant-admin", at))
                .expectEvents(new KeystoreStepResolved(RENEWAL, ALIAS, "REMOVE", OLD,
                                "archived key kept for the auditors", "tenant-admin", at),
                        new RenewalCompleted(RENEWAL, ALIAS, ACME, at));
    }

    @Test
    void settlesOnlyAFailedRemoval() {
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchangeFailed)
                .when(new ResolveKeystoreStep(RENEWAL, "done by hand", "tenant-admin", RETRIED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("only a failed removal of the old key pair can be resolved;"
                        + " the keystore failed EXCHANGE: retry it or abort the renewal"))
                .expectNoEvents();
        fixture.given(started, created, provided, verifiesBoth, approved, decided, exchanged, informed,
                        oldCertificateRemoved, removalDecided)
                .when(new ResolveKeystoreStep(RENEWAL, "why not", "tenant-admin", RETRIED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(containsString("nothing to resolve"))
                .expectNoEvents();
    }
}
