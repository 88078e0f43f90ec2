package io.keyrenewal.renewal.query;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;

/** Read model: where one renewal stands. Written only by {@link RenewalViewProjection}. */
@Entity
@Table(name = "renewal_view")
public class RenewalView {

    @Id
    @Column(name = "renewal_id", length = 64)
    private String renewalId;
    private String alias;
    private String partnerId;
    private String playbook;
    private String guaranteedDeliveryTime;
    private String keyAlgorithm;
    private String step;
    private String nextActor;
    private String newCertificateSha256;
    private String newCertificateSerial;
    private Instant newCertificateNotAfter;
    private String oldCertificateSha256;
    private String oldCertificateSerial;
    private Instant retainOldKeyUntil;
    @Column(length = 2000)
    private String lastKeystoreFailure;
    private Instant startedAt;
    private Instant updatedAt;
    private Instant completedAt;

    protected RenewalView() {
    }

    RenewalView(String renewalId) {
        this.renewalId = renewalId;
    }

    public String getRenewalId() { return renewalId; }
    public String getAlias() { return alias; }
    public String getPartnerId() { return partnerId; }
    public String getPlaybook() { return playbook; }
    public String getGuaranteedDeliveryTime() { return guaranteedDeliveryTime; }
    public String getKeyAlgorithm() { return keyAlgorithm; }
    public String getStep() { return step; }
    public String getNextActor() { return nextActor; }
    public String getNewCertificateSha256() { return newCertificateSha256; }
    public String getNewCertificateSerial() { return newCertificateSerial; }
    public Instant getNewCertificateNotAfter() { return newCertificateNotAfter; }
    public String getOldCertificateSha256() { return oldCertificateSha256; }
    public String getOldCertificateSerial() { return oldCertificateSerial; }
    public Instant getRetainOldKeyUntil() { return retainOldKeyUntil; }
    public String getLastKeystoreFailure() { return lastKeystoreFailure; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getCompletedAt() { return completedAt; }

    void started(String alias, String partnerId, String playbook, Duration guaranteedDeliveryTime,
                 String keyAlgorithm, Instant at) {
        this.alias = alias;
        this.partnerId = partnerId;
        this.playbook = playbook;
        this.guaranteedDeliveryTime = guaranteedDeliveryTime.toString();
        this.keyAlgorithm = keyAlgorithm;
        this.startedAt = at;
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

    void keystoreFailure(String failure) {
        this.lastKeystoreFailure = failure;
    }

    void completed(Instant at) {
        this.completedAt = at;
    }

    void movedTo(String step, String nextActor, Instant at) {
        this.step = step;
        this.nextActor = nextActor;
        this.updatedAt = at;
    }
}
