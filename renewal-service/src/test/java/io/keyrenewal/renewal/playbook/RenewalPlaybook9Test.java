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
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.DowntimeOverrun;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.DrainConfirmed;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.OldKeyPairRemoved;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateReceived;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.contracts.renewal.SenderResumedSending;
import io.keyrenewal.contracts.renewal.SenderStoppedSending;
import io.keyrenewal.renewal.playbook.Commands.AbortRenewal;
import io.keyrenewal.renewal.playbook.Commands.ConfirmPartnerStep;
import io.keyrenewal.renewal.playbook.Commands.RecordKeyPairRemoved;
import io.keyrenewal.renewal.playbook.Commands.RecordPartnerCertificateImported;
import io.keyrenewal.renewal.playbook.Commands.StartRenewal;
import io.keyrenewal.renewal.playbook.Commands.StepParameters;
import io.keyrenewal.renewal.playbook.Commands.TakeTenantStep;
import io.keyrenewal.renewal.support.PartnerKeys;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Playbook 9 (tenant encrypts inbound response, the sender decrypts with one key at a time): the downtime is agreed,
 * the sender stops sending, the tenant confirms that no response encrypted to the old certificate is on its way and
 * only then asks for the new certificate, imports it, and the sender resumes; the old certificate's retention starts
 * at the import. Every step and refusal. {@link RenewalPlaybook11Test} runs the same renewal of a partner's certificate
 * with the tenant's integration flow undeployed instead of the sender stopping.
 */
class RenewalPlaybook9Test {

    static final RenewalId RENEWAL = new RenewalId("r-9");
    static final PartnerId ACME = new PartnerId("acme");
    static final String ALIAS = "acme-response-encrypt";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration GDT = Duration.ofDays(1);
    static final Duration REMINDER = Duration.ofDays(3);
    static final Instant PROPOSED = T0.plus(Duration.ofHours(1));
    static final Instant AGREED = T0.plus(Duration.ofHours(2));
    static final Instant WINDOW_START = T0.plus(Duration.ofDays(2));
    static final Instant WINDOW_END = WINDOW_START.plus(Duration.ofHours(2));
    static final Instant STOPPED = WINDOW_START.plusSeconds(30);
    static final Instant DRAINED = STOPPED.plus(Duration.ofMinutes(5));
    static final Instant SENT = DRAINED.plus(Duration.ofMinutes(5));
    static final Instant IMPORTED = SENT.plus(Duration.ofMinutes(1));
    static final Instant RESUMED = IMPORTED.plus(Duration.ofMinutes(10));
    static final Instant RETAIN_UNTIL = IMPORTED.plus(Duration.ofDays(90));
    static final String PEM = PartnerKeys.certificate("CN=acme new encryption key, O=ACME", PartnerKeys.rsa(2048),
            T0, T0.plus(Duration.ofDays(365)), false);
    static final CertificateInfo NEW = PartnerCertificateRules.check(PEM, SENT, PartnerCertificateUse.ENCRYPT_TO_PARTNER);
    static final CertificateRef OLD = new CertificateRef(new Fingerprint("cd".repeat(32)), "CN=acme old", "01");
    static final PartnerCertificateUse ENCRYPT = PartnerCertificateUse.ENCRYPT_TO_PARTNER;

    final PlaybookDefinition definition = Playbooks.of(playbook());
    final RenewalStarted started = started(ExchangeApproval.TENANT_APPROVES);
    final DowntimeProposed proposed = new DowntimeProposed(RENEWAL, ACME, WINDOW_START, WINDOW_END, "tenant-admin",
            PROPOSED, PROPOSED.plus(REMINDER));
    final DrainConfirmed drained = new DrainConfirmed(RENEWAL, "tenant-admin", DRAINED);
    final PartnerCertificateRequested requested = new PartnerCertificateRequested(RENEWAL, ALIAS, ACME,
            definition.partnerRole(), playbook(), DRAINED, DRAINED.plus(REMINDER), ConfirmationType.NEW_CERTIFICATE,
            ENCRYPT);
    final PartnerCertificateReceived received = new PartnerCertificateReceived(RENEWAL, ALIAS, ACME, "c-cert", NEW,
            SENT, ENCRYPT);

    AggregateTestFixture<Renewal> fixture;

    Playbook playbook() {
        return Playbook.TENANT_ENCRYPTS_INBOUND_RESPONSE_WITH_DOWNTIME;
    }

    /** The agreement of the window: what it asks of the partner next, if anything. */
    DowntimeAgreed agreed() {
        return new DowntimeAgreed(RENEWAL, ACME, "c-window", WINDOW_START, WINDOW_END, AGREED, AGREED.plus(REMINDER),
                ConfirmationType.SENDING_STOPPED);
    }

    /** What stops the traffic at the window's start: the sender's confirmation. */
    RenewalEvent stopped() {
        return new SenderStoppedSending(RENEWAL, ACME, "c-stop", STOPPED, null);
    }

    Object stop(Instant at) {
        return new ConfirmPartnerStep(RENEWAL, "c-stop", ACME, ConfirmationType.SENDING_STOPPED, at);
    }

    /** The import asks the sender to resume. */
    PartnerCertificateImported imported() {
        return new PartnerCertificateImported(RENEWAL, ALIAS, ACME, definition.partnerRole(), playbook(), NEW.ref(),
                OLD, IMPORTED, IMPORTED.plus(REMINDER), ConfirmationType.SENDING_RESUMED, ENCRYPT, RETAIN_UNTIL);
    }

    Object resume(Instant at) {
        return new ConfirmPartnerStep(RENEWAL, "c-resume", ACME, ConfirmationType.SENDING_RESUMED, at);
    }

    RenewalEvent resumed() {
        return new SenderResumedSending(RENEWAL, ACME, "c-resume", Duration.between(STOPPED, RESUMED), WINDOW_START,
                WINDOW_END, RESUMED);
    }

    PartnerRole role() {
        return PartnerRole.SENDER_ADMINISTRATOR;
    }

    RenewalStarted started(ExchangeApproval approval) {
        return new RenewalStarted(RENEWAL, ALIAS, ACME, playbook(), GDT, KeyAlgorithm.RSA_3072, T0, approval, null,
                null, CertificateSource.DEFAULT, KeyPairActivation.NONE, Playbooks.CATALOGUE_VERSION, role(), ENCRYPT);
    }

    /** Everything up to the stop of the traffic. */
    List<Object> untilStopped() {
        return List.of(started, proposed, agreed(), stopped());
    }

    List<Object> until(Object... more) {
        List<Object> events = new ArrayList<>(untilStopped());
        events.addAll(List.of(more));
        return events;
    }

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Renewal.class);
        fixture.registerInjectableResource(new RenewalTimings(REMINDER));
    }

    @Test
    void startsWithTheDowntimeProposalNotWithTheCertificateRequest() {
        fixture.givenNoPriorActivity()
                .when(new StartRenewal(RENEWAL, ALIAS, ACME, playbook(), GDT, KeyAlgorithm.RSA_3072, T0))
                .expectEvents(started)
                .expectNoScheduledDeadlines();
        fixture.given(started)
                .when(new TakeTenantStep(RENEWAL, Milestone.DOWNTIME_PROPOSED, StepParameters.window(WINDOW_START,
                        WINDOW_END), "tenant-admin", PROPOSED))
                .expectEvents(proposed)
                .expectScheduledDeadlineWithName(PROPOSED.plus(REMINDER), Renewal.PARTNER_STEP_OVERDUE);
    }

    @Test
    void theAgreementWatchesTheWindowsEnd() {
        fixture.given(started, proposed)
                .when(new ConfirmPartnerStep(RENEWAL, "c-window", ACME, ConfirmationType.DOWNTIME_ACCEPTED, AGREED))
                .expectEvents(agreed())
                .expectScheduledDeadlineWithName(WINDOW_END, Renewal.DOWNTIME_WINDOW_END);
    }

    @Test
    void theTrafficStopsOnlyFromTheWindowsStart() {
        fixture.given(started, proposed, agreed())
                .when(stop(WINDOW_START.minusSeconds(60)))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(Matchers.containsString(WINDOW_START.toString()))
                .expectNoEvents();
        fixture.given(started, proposed, agreed())
                .when(stop(STOPPED))
                .expectEvents(stopped());
    }

    @Test
    void asksForTheNewCertificateOnlyOnceNoMessageForTheOldOneIsOnItsWay() {
        fixture.given(untilStopped())
                .when(newCertificate(SENT))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(Matchers.containsString("needs PARTNER_CERTIFICATE_REQUESTED first"))
                .expectNoEvents();
        fixture.given(untilStopped())
                .when(new TakeTenantStep(RENEWAL, Milestone.DRAIN_CONFIRMED, StepParameters.NONE, "tenant-admin",
                        DRAINED))
                .expectEvents(drained, requested)
                .expectScheduledDeadlineWithName(DRAINED.plus(REMINDER), Renewal.PARTNER_STEP_OVERDUE);
    }

    @Test
    void anAutomaticRenewalConfirmsTheDrainItselfButNothingBeforeTheTrafficStopped() {
        RenewalStarted automatic = started(ExchangeApproval.AUTOMATIC);
        List<Object> given = new ArrayList<>(until());
        given.set(0, automatic);
        given.remove(given.size() - 1);
        fixture.given(given)
                .when(lastStep())
                .expectEvents(stopped(), new DrainConfirmed(RENEWAL, Renewal.SYSTEM, STOPPED),
                        new PartnerCertificateRequested(RENEWAL, ALIAS, ACME, role(), playbook(), STOPPED,
                                STOPPED.plus(REMINDER), ConfirmationType.NEW_CERTIFICATE, ENCRYPT));
    }

    /** The step that stops the traffic, as taken at {@link #STOPPED}. */
    Object lastStep() {
        return stop(STOPPED);
    }

    @Test
    void takesAnRsaCertificateAndRefusesAnEcOneTheTenantCannotEncryptTo() {
        fixture.given(until(drained, requested))
                .when(new ConfirmPartnerStep(RENEWAL, "c-ec", ACME, ConfirmationType.NEW_CERTIFICATE, SENT,
                        Duration.ofMinutes(5), SENT, SENT, PartnerKeys.certificate("CN=acme ec", SENT)))
                .expectException(RenewalRefused.InvalidRenewalRequest.class)
                .expectExceptionMessage(Matchers.containsString("encryption needs an RSA key"))
                .expectNoEvents();
        fixture.given(until(drained, requested))
                .when(newCertificate(SENT))
                .expectEvents(received);
    }

    @Test
    void theImportStartsTheRetentionOfThePreviousCertificateAndAsksForWhatEndsTheDowntime() {
        fixture.given(until(drained, requested, received))
                .when(new RecordPartnerCertificateImported(RENEWAL, "rep-1", NEW.ref(), OLD, IMPORTED))
                .expectEvents(imported())
                .expectScheduledDeadlineWithName(RETAIN_UNTIL, Renewal.RETENTION_ELAPSED);
    }

    @Test
    void theDowntimeEndsOnlyAfterTheImport() {
        fixture.given(until(drained, requested, received))
                .when(resume(RESUMED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(Matchers.containsString("needs PARTNER_CERTIFICATE_IMPORTED first"))
                .expectNoEvents();
        fixture.given(until(drained, requested, received, imported()))
                .when(resume(RESUMED))
                .expectEvents(resumed());
    }

    @Test
    void theWindowsEndWithoutTheDowntimeOverAlertsTheTenantAndAfterItNothing() {
        fixture.given(started, proposed)
                .andGivenCommands(new ConfirmPartnerStep(RENEWAL, "c-window", ACME,
                        ConfirmationType.DOWNTIME_ACCEPTED, AGREED))
                .whenThenTimeAdvancesTo(WINDOW_END)
                .expectEvents(new DowntimeOverrun(RENEWAL, ACME, WINDOW_END, WINDOW_END));
    }

    @Test
    void completesOnceTheRetentionIsOverTheOldCertificateRemovedAndTheDowntimeOver() {
        OldKeyPairRemovalDecided decided = new OldKeyPairRemovalDecided(RENEWAL, ALIAS, OLD, RETAIN_UNTIL);
        Instant removed = RETAIN_UNTIL.plusSeconds(1);
        fixture.given(until(drained, requested, received, imported(), resumed(), decided))
                .when(new RecordKeyPairRemoved(RENEWAL, "rep-2", OLD, removed))
                .expectEvents(new OldKeyPairRemoved(RENEWAL, ALIAS, OLD, removed),
                        new RenewalCompleted(RENEWAL, ALIAS, ACME, removed));
        fixture.given(until(drained, requested, received, imported(), decided))
                .when(new RecordKeyPairRemoved(RENEWAL, "rep-2", OLD, removed))
                .expectEvents(new OldKeyPairRemoved(RENEWAL, ALIAS, OLD, removed));
    }

    @Test
    void abortsBeforeTheImportButNotAfter() {
        fixture.given(until(drained, requested, received))
                .when(new AbortRenewal(RENEWAL, "the partner cannot swap its key", "operator", IMPORTED))
                .expectEvents(new RenewalAborted(RENEWAL, ALIAS, ACME, "the partner cannot swap its key", "operator",
                        null, IMPORTED));
        fixture.given(until(drained, requested, received, imported()))
                .when(new AbortRenewal(RENEWAL, "too late", "operator", RESUMED))
                .expectException(RenewalRefused.StepNotAllowed.class)
                .expectExceptionMessage(Matchers.containsString("the partner's new certificate is imported"))
                .expectNoEvents();
    }

    static ConfirmPartnerStep newCertificate(Instant at) {
        return new ConfirmPartnerStep(RENEWAL, "c-cert", ACME, ConfirmationType.NEW_CERTIFICATE, at,
                Duration.ofMinutes(5), at, at, PEM);
    }
}
