package io.keyrenewal.localstack;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.KeystoreFailureRecorded;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.OldKeyPairRemoved;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One line a person can read about a renewal event: the public facts only (events carry no key material). */
final class EventSummary {

    static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final int SHORT_FINGERPRINT = 16;

    private EventSummary() {
    }

    static String of(RenewalEvent event) {
        if (event instanceof RenewalStarted started) {
            return "alias " + started.alias() + ", partner " + started.partnerId() + ", playbook "
                    + started.playbook() + ", " + started.keyAlgorithm() + ", guaranteed delivery time "
                    + readable(started.guaranteedDeliveryTime());
        }
        if (event instanceof NewKeyPairCreated created) {
            return "alias " + created.alias() + ", new " + certificate(created.certificate())
                    + (created.previous() == null ? ", no previous key pair"
                    : ", previous " + certificate(created.previous()) + " retained");
        }
        if (event instanceof CertificateProvided provided) {
            return "to the " + provided.recipient() + " of " + provided.partnerId() + ": "
                    + certificate(provided.certificate());
        }
        if (event instanceof PartnerSwitchedToNewKey switched) {
            return switched.partnerId() + " confirmed (" + switched.confirmationId() + "); old key retained until "
                    + LOCAL_TIME.format(switched.retainOldKeyUntil());
        }
        if (event instanceof OldKeyPairRemovalDecided decided) {
            return "alias " + decided.alias() + ", remove "
                    + (decided.oldCertificate() == null ? "nothing (no old key pair)" : certificate(decided.oldCertificate()));
        }
        if (event instanceof OldKeyPairRemoved removed) {
            return "alias " + removed.alias() + ", removed "
                    + (removed.removed() == null ? "nothing (there was none)" : certificate(removed.removed()));
        }
        if (event instanceof RenewalCompleted completed) {
            return "alias " + completed.alias() + " with " + completed.partnerId() + " is renewed";
        }
        if (event instanceof KeystoreFailureRecorded failure) {
            return failure.operation() + " failed: " + failure.reason()
                    + (failure.nextRetryAt() == null ? "" : "; retried by itself at " + failure.nextRetryAt());
        }
        return event.toString();
    }

    /** {@code 30 days} for whole days, else the ISO-8601 form. */
    static String readable(Duration duration) {
        return duration.toSeconds() % Duration.ofDays(1).toSeconds() == 0 && duration.getNano() == 0
                ? duration.toDays() + " days" : duration.toString();
    }

    static String localTime(Instant instant) {
        return LOCAL_TIME.format(instant);
    }

    private static String certificate(CertificateInfo certificate) {
        return "certificate sha256 " + shortFingerprint(certificate.sha256()) + " serial " + certificate.serialNumber();
    }

    private static String certificate(CertificateRef certificate) {
        return "certificate sha256 " + shortFingerprint(certificate.sha256()) + " serial " + certificate.serialNumber();
    }

    static String shortFingerprint(Fingerprint fingerprint) {
        return fingerprint.value().substring(0, SHORT_FINGERPRINT) + "...";
    }
}
