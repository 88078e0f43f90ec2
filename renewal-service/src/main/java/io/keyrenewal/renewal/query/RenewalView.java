package io.keyrenewal.renewal.query;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Read model: where one renewal stands and who must act next. Written only by {@link RenewalViewProjection}. */
@Entity
@Table(name = "renewal_view")
public class RenewalView {

    @Id
    @Column(name = "renewal_id", length = 64)
    private String renewalId;
    private String alias;
    private String partnerId;
    private String playbook;
    private String exchangeApproval;
    private String guaranteedDeliveryTime;
    private String keyAlgorithm;
    @Column(length = 32)
    private String state;
    @Column(length = 2000)
    private String doneSteps;
    @Column(length = 1000)
    private String awaiting;
    private String nextActor;
    @Column(length = 64)
    private String lastStep;
    private String newCertificateSha256;
    private String newCertificateSerial;
    private Instant newCertificateNotAfter;
    private String oldCertificateSha256;
    private String oldCertificateSerial;
    private Instant retainOldKeyUntil;
    private Instant downtimeWindowStart;
    private Instant downtimeWindowEnd;
    @Column(length = 64)
    private String actualDowntime;
    @Column(length = 2000)
    private String lastKeystoreFailure;
    private Instant startedAt;
    private Instant updatedAt;
    private Instant completedAt;
    private Long lastSequence;
    private boolean overdue;
    private boolean escalated;
    private boolean downtimeOverrun;
    @Column(length = 64)
    private String refusedStep;
    private String refusedBy;
    @Column(length = 1000)
    private String refusalReason;
    @Column(length = 64)
    private String refusalCode;
    private Instant refusedAt;

    protected RenewalView() {
    }

    RenewalView(String renewalId) {
        this.renewalId = renewalId;
    }

    public String getRenewalId() { return renewalId; }
    public String getAlias() { return alias; }
    public String getPartnerId() { return partnerId; }
    public String getPlaybook() { return playbook; }
    public String getExchangeApproval() { return exchangeApproval; }
    public String getGuaranteedDeliveryTime() { return guaranteedDeliveryTime; }
    public String getKeyAlgorithm() { return keyAlgorithm; }
    /** OPEN, COMPLETED, ABORTED or ROLLED_BACK. */
    public String getState() { return state; }
    public String getDoneSteps() { return doneSteps; }
    /** The steps the playbook allows now and nobody took yet, comma-separated. */
    public String getAwaiting() { return awaiting; }
    /** Who must act next: partner, tenant, keystore or system (comma-separated if several). */
    public String getNextActor() { return nextActor; }
    public String getLastStep() { return lastStep; }
    public String getNewCertificateSha256() { return newCertificateSha256; }
    public String getNewCertificateSerial() { return newCertificateSerial; }
    public Instant getNewCertificateNotAfter() { return newCertificateNotAfter; }
    public String getOldCertificateSha256() { return oldCertificateSha256; }
    public String getOldCertificateSerial() { return oldCertificateSerial; }
    public Instant getRetainOldKeyUntil() { return retainOldKeyUntil; }
    public Instant getDowntimeWindowStart() { return downtimeWindowStart; }
    public Instant getDowntimeWindowEnd() { return downtimeWindowEnd; }
    public String getActualDowntime() { return actualDowntime; }
    public String getLastKeystoreFailure() { return lastKeystoreFailure; }
    public Instant getStartedAt() { return startedAt; }
    /** Since when the renewal waits for its next step. */
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getCompletedAt() { return completedAt; }
    /** The awaited partner step is overdue: the partner was reminded. */
    public boolean isOverdue() { return overdue; }
    /** The awaited partner step stayed overdue: the tenant was alerted. */
    public boolean isEscalated() { return escalated; }
    /** Playbook 2: the sender had not resumed by the end of the agreed window. */
    public boolean isDowntimeOverrun() { return downtimeOverrun; }

    /** The step (confirmation type) the partner refused and has not confirmed since; null if none. */
    public String getRefusedStep() { return refusedStep; }
    /** Who refused it: {@code partner:<id>}. */
    public String getRefusedBy() { return refusedBy; }
    /** The partner's reason for the refusal. */
    public String getRefusalReason() { return refusalReason; }
    /** The partner's code for the refusal, if it gave one. */
    public String getRefusalCode() { return refusalCode; }
    public Instant getRefusedAt() { return refusedAt; }

    void refused(String step, String by, String reason, String code, Instant at) {
        this.refusedStep = step;
        this.refusedBy = by;
        this.refusalReason = reason;
        this.refusalCode = code;
        this.refusedAt = at;
    }

    void overdue() {
        this.overdue = true;
    }

    void escalated() {
        this.escalated = true;
    }

    void downtimeOverrun() {
        this.downtimeOverrun = true;
    }

    /** Sequence number of the last event folded into this view. */
    public Long getLastSequence() { return lastSequence; }

    void folded(long sequence) {
        this.lastSequence = sequence;
    }

    void started(String alias, String partnerId, String playbook, String exchangeApproval,
                 String guaranteedDeliveryTime, String keyAlgorithm, Instant at) {
        this.alias = alias;
        this.partnerId = partnerId;
        this.playbook = playbook;
        this.exchangeApproval = exchangeApproval;
        this.guaranteedDeliveryTime = guaranteedDeliveryTime;
        this.keyAlgorithm = keyAlgorithm;
        this.startedAt = at;
        this.state = "OPEN";
        this.doneSteps = "";
    }

    void newCertificate(String sha256, String serial, Instant notAfter) {
        this.newCertificateSha256 = sha256;
        this.newCertificateSerial = serial;
        this.newCertificateNotAfter = notAfter;
    }

    void oldCertificate(String sha256, String serial) {
        this.oldCertificateSha256 = sha256;
        this.oldCertificateSerial = serial;
    }

    void retainOldKeyUntil(Instant until) {
        this.retainOldKeyUntil = until;
    }

    void downtimeWindow(Instant start, Instant end) {
        this.downtimeWindowStart = start;
        this.downtimeWindowEnd = end;
    }

    void actualDowntime(String downtime) {
        this.actualDowntime = downtime;
    }

    void keystoreFailure(String failure) {
        this.lastKeystoreFailure = failure;
    }

    void ended(String state, Instant at) {
        this.state = state;
        this.completedAt = at;
        this.awaiting = "";
        this.nextActor = "nobody";
    }

    /** A step was done (or the renewal ended): the waiting starts anew and the overdue flags clear. */
    void progressed(String doneSteps, String lastStep, String awaiting, String nextActor, Instant at) {
        boolean moved = !doneSteps.equals(this.doneSteps) || updatedAt == null || !"OPEN".equals(state);
        if (!moved) {
            return; // a reminder, an alert or a failure: still waiting since the last step
        }
        this.overdue = false;
        this.escalated = false;
        if ("SENDER_RESUMED_SENDING".equals(lastStep)) {
            this.downtimeOverrun = false;
        }
        this.doneSteps = doneSteps;
        this.lastStep = lastStep;
        if ("OPEN".equals(state)) {
            this.awaiting = awaiting;
            this.nextActor = nextActor;
        }
        this.updatedAt = at;
    }
}
