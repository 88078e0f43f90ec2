package io.keyrenewal.notification.watch;

import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.watch.AliasWatchEvent;
import io.keyrenewal.contracts.watch.CertificateExpiredUnrenewed;
import io.keyrenewal.contracts.watch.ExpiryTierReached;
import io.keyrenewal.contracts.watch.RenewalByPolicyNotStarted;
import io.keyrenewal.contracts.watch.RenewalStartedByPolicy;
import io.keyrenewal.notification.partner.PartnerMessage;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What the tenant administrator is told of each fact of the expiry watch: {@link NotificationKind#CERTIFICATE_EXPIRING}
 * at each tier, {@link NotificationKind#RENEWAL_STARTED_BY_POLICY}, {@link NotificationKind#RENEWAL_BY_POLICY_NOT_STARTED}
 * with the reason and the next attempt, and the escalation {@link NotificationKind#CERTIFICATE_EXPIRED_UNRENEWED}.
 * That the watch follows a certificate ({@code CertificateWatched}) is told no one.
 */
@Component
class ExpiryWatchMessages {

    Optional<AliasMessage> of(AliasWatchEvent event) {
        if (event instanceof ExpiryTierReached tier) {
            return Optional.of(expiring(tier));
        } else if (event instanceof RenewalStartedByPolicy started) {
            return Optional.of(started(started));
        } else if (event instanceof RenewalByPolicyNotStarted notStarted) {
            return Optional.of(notStarted(notStarted));
        } else if (event instanceof CertificateExpiredUnrenewed expired) {
            return Optional.of(expired(expired));
        }
        return Optional.empty(); // CertificateWatched
    }

    private static AliasMessage expiring(ExpiryTierReached event) {
        String alias = event.alias();
        String usedFor = event.partnerId() == null && event.purpose() == null ? ""
                : " The alias is used" + (event.partnerId() == null ? "" : " with partner " + event.partnerId())
                + (event.purpose() == null ? "" : " for " + event.purpose()) + ".";
        String underWay = event.openRenewal() == null ? " No renewal of the alias is under way."
                : " Renewal " + event.openRenewal() + " of the alias is under way and replaces it when done.";
        String whatToDo = event.openRenewal() != null
                ? "See that renewal " + event.openRenewal() + " ends before the certificate expires: GET /renewals/"
                + event.openRenewal() + " shows the step it waits for and who takes it."
                : "Renew the alias before the certificate expires: start a renewal (POST /renewals with the alias, its"
                + " partner and purpose), or set a renewal policy for it (PUT /policies/alias:" + alias + ", or the"
                + " default of its purpose) so that the expiry watch starts one.";
        return new AliasMessage(NotificationKind.CERTIFICATE_EXPIRING, alias, event.partnerId(), null,
                PartnerMessage.values(
                        "whatHappened", "The certificate of alias \"" + alias + "\" (" + subject(event.subject())
                                + "serial " + event.serialNumber() + ", SHA-256 " + event.sha256() + ") expires "
                                + in(event.daysLeft()) + ", on "
                                + day(event.notAfter()) + " (" + event.notAfter() + ")." + usedFor + underWay,
                        "whatToDo", whatToDo,
                        "byWhen", "Before " + event.notAfter() + ", when the certificate expires.",
                        "expiresIn", in(event.daysLeft()),
                        "expiresOn", day(event.notAfter()),
                        "notAfter", event.notAfter().toString(),
                        "daysLeft", Long.toString(event.daysLeft()),
                        "tierDays", Integer.toString(event.tierDays()),
                        "serialNumber", event.serialNumber(),
                        "certificateSubject", event.subject(),
                        "sha256", event.sha256().value(),
                        "partnerId", event.partnerId() == null ? null : event.partnerId().value(),
                        "purpose", event.purpose() == null ? null : event.purpose().name(),
                        "openRenewal", event.openRenewal() == null ? null : event.openRenewal().value()));
    }

    private static AliasMessage started(RenewalStartedByPolicy event) {
        return new AliasMessage(NotificationKind.RENEWAL_STARTED_BY_POLICY, event.alias(), event.partnerId(),
                event.renewalId(), PartnerMessage.values(
                        "whatHappened", "The expiry watch started renewal " + event.renewalId() + " of alias \""
                                + event.alias() + "\" with partner " + event.partnerId() + " (playbook "
                                + event.playbook() + "), as the policy " + event.policy() + " (version "
                                + event.policyVersion() + ") asks: the certificate SHA-256 " + event.sha256()
                                + " is due for renewal.",
                        "whatToDo", "Nothing now: the renewal goes on by its playbook, and the partner is told what"
                                + " to do by the renewal's own messages. Follow it with GET /renewals/"
                                + event.renewalId() + "; take the tenant steps it asks of you there (e.g. approve"
                                + " the exchange). If it must not go on, abort it: POST /renewals/"
                                + event.renewalId() + "/abort with the reason.",
                        "policy", event.policy().value(),
                        "policyVersion", Integer.toString(event.policyVersion()),
                        "sha256", event.sha256().value()));
    }

    private static AliasMessage notStarted(RenewalByPolicyNotStarted event) {
        String scope = event.policy() == null ? null : event.policy().value();
        String policy = scope == null ? "the renewal policy of the alias" : "the policy " + scope;
        return new AliasMessage(NotificationKind.RENEWAL_BY_POLICY_NOT_STARTED, event.alias(), null, null,
                PartnerMessage.values(
                        "whatHappened", "By " + policy + ", the certificate of alias \"" + event.alias()
                                + "\" (SHA-256 " + event.sha256() + ") is due for renewal, but the renewal could not"
                                + " start: " + event.reason(),
                        "whatToDo", "Remove the cause the reason names: register the partner (POST /partners), or"
                                + " change the policy (PUT /policies/" + (scope == null ? "alias:" + event.alias()
                                : scope) + ": its partner, playbook or purpose). Or start the renewal yourself"
                                + " (POST /renewals).",
                        "byWhen", event.nextAttemptAt() != null
                                ? "The expiry watch tries again at " + event.nextAttemptAt() + "; remove the cause"
                                + " before then."
                                : "The expiry watch does not try again until the policy changes: change it, or start"
                                + " the renewal yourself.",
                        "policy", scope,
                        "reason", event.reason(),
                        "nextAttemptAt", event.nextAttemptAt() == null ? null : event.nextAttemptAt().toString(),
                        "sha256", event.sha256().value()));
    }

    private static AliasMessage expired(CertificateExpiredUnrenewed event) {
        String alias = event.alias();
        return new AliasMessage(NotificationKind.CERTIFICATE_EXPIRED_UNRENEWED, alias, null, null,
                PartnerMessage.values(
                        "whatHappened", "The certificate of alias \"" + alias + "\" (" + subject(event.subject())
                                + "serial " + event.serialNumber() + ", SHA-256 " + event.sha256() + ") expired on " + day(event.notAfter()) + " ("
                                + event.notAfter() + ") and no renewal replaced it. What the tenant signs, decrypts"
                                + " or verifies with it may be refused by now."
                                + (event.openRenewal() == null ? " No renewal of the alias is under way."
                                : " Renewal " + event.openRenewal() + " is still under way."),
                        "whatToDo", event.openRenewal() != null
                                ? "Get renewal " + event.openRenewal() + " done: GET /renewals/"
                                + event.openRenewal() + " shows the step it waits for and who takes it."
                                : "Renew the alias now: start a renewal (POST /renewals with the alias, its partner"
                                + " and purpose), and tell its partners.",
                        "byWhen", "Now.",
                        "expiredOn", day(event.notAfter()),
                        "notAfter", event.notAfter().toString(),
                        "serialNumber", event.serialNumber(),
                        "certificateSubject", event.subject(),
                        "sha256", event.sha256().value(),
                        "openRenewal", event.openRenewal() == null ? null : event.openRenewal().value()));
    }

    /** "subject CN=..., " where the event names it (events recorded before it did not). */
    private static String subject(String subject) {
        return subject == null ? "" : "subject " + subject + ", ";
    }

    /** "in 30 days", "in 1 day", "in less than a day". */
    private static String in(long days) {
        return days <= 0 ? "in less than a day" : days == 1 ? "in 1 day" : "in " + days + " days";
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
