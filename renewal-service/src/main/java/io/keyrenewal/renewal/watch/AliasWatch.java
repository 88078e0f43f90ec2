package io.keyrenewal.renewal.watch;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.alias.CertificateSummary;
import io.keyrenewal.contracts.policy.PolicyDefinition;
import io.keyrenewal.contracts.watch.CertificateExpiredUnrenewed;
import io.keyrenewal.contracts.watch.CertificateWatched;
import io.keyrenewal.contracts.watch.ExpiryTierReached;
import io.keyrenewal.contracts.watch.RenewalByPolicyNotStarted;
import io.keyrenewal.contracts.watch.RenewalStartedByPolicy;
import io.keyrenewal.renewal.watch.WatchCommands.ReviewWatch;
import io.keyrenewal.renewal.watch.WatchCommands.WatchCertificate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The expiry watch of one alias of the tenant keystore, event-sourced: it follows the alias's current certificate, as
 * the keystore publishes it, and for that certificate
 * <ul>
 *     <li>reports each expiry tier once, when the service's clock reaches it ({@link ExpiryTierReached});</li>
 *     <li>starts one renewal when the policy that applies says so and one of its windows is open
 *     ({@link RenewalStartedByPolicy}), or reports why it could not ({@link RenewalByPolicyNotStarted}) and tries
 *     again later;</li>
 *     <li>escalates when it expires unreplaced ({@link CertificateExpiredUnrenewed}).</li>
 * </ul>
 * It looks when it learns a certificate, when a policy changes, and at one deadline ({@value #CHECK}) set to the next
 * moment something is due: never a scan of all aliases. Once per certificate holds however many instances run and
 * restart: the watch's events are appended in order to one aggregate (a concurrent append fails and is retried), and
 * a renewal it starts has an id made of the alias and the certificate and claims the alias in the same transaction as
 * the watch's event.
 */
@Aggregate
public class AliasWatch {

    static final String CHECK = "alias-watch-check";

    @AggregateIdentifier
    private String watchId;
    private String alias;
    private CertificateSummary certificate;
    private long keystoreVersion = -1;
    /** Of the current certificate: the nearest tier reported, whether its renewal started, the reported refusal. */
    private Integer tierReported;
    private boolean renewalStarted;
    private String notStartedReason;
    private boolean expiryReported;

    protected AliasWatch() {
        // for Axon's event sourcing, and for the first certificate of an alias
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(WatchCertificate command, DeadlineManager deadlines, WatchSupport support) {
        boolean news = command.certificate() != null && command.version() > keystoreVersion
                && (certificate == null || !certificate.sha256().equals(command.certificate().sha256()));
        if (!news) {
            if (watchId == null) {
                watchId = command.watchId(); // nothing to watch yet: the aggregate stays without events
            }
            return;
        }
        apply(new CertificateWatched(command.alias(), command.kind(), command.certificate(), command.version(),
                support.now()));
        look(support.now(), deadlines, support);
    }

    @CommandHandler
    public void handle(ReviewWatch command, DeadlineManager deadlines, WatchSupport support) {
        look(support.now(), deadlines, support);
    }

    /** The payload of the watch's deadline: the moment it was set to (a deadline handler takes its payload first). */
    public record CheckDue(Instant at) {
    }

    @DeadlineHandler(deadlineName = CHECK)
    public void onCheck(CheckDue due, DeadlineManager deadlines, WatchSupport support) {
        look(support.now(), deadlines, support);
    }

    /** Does what is due at {@code now}, then sets the deadline to the next moment something will be. */
    private void look(Instant now, DeadlineManager deadlines, WatchSupport support) {
        if (certificate == null) {
            return;
        }
        AliasFacts facts = support.facts(alias);
        ExpiryTiers tiers = support.tiers();
        tiers.reached(certificate.notAfter(), now)
                .filter(tier -> tierReported == null || tier < tierReported)
                .ifPresent(tier -> apply(new ExpiryTierReached(alias, certificate.sha256(),
                        certificate.serialNumber(), certificate.subject(), certificate.notAfter(), tier,
                        certificate.daysLeft(now),
                        facts.partnerId(), facts.purpose(), facts.openRenewal(), now)));
        Instant startDue = renewIfDue(now, facts, support);
        if (!now.isBefore(certificate.notAfter()) && !expiryReported) {
            apply(new CertificateExpiredUnrenewed(alias, certificate.sha256(), certificate.serialNumber(),
                    certificate.subject(), certificate.notAfter(), facts.openRenewal(), now));
        }
        Optional<Instant> next = Stream.of(tiers.next(certificate.notAfter(), tierReported, now).orElse(null),
                        startDue, expiryReported ? null : certificate.notAfter())
                .filter(Objects::nonNull).filter(at -> at.isAfter(now) && !at.equals(Instant.MAX))
                .min(Instant::compareTo);
        next.ifPresentOrElse(at -> deadlines.schedule(at, CHECK, new CheckDue(at)),
                () -> deadlines.cancelAllWithinScope(CHECK));
    }

    /**
     * Starts the renewal the policy asks for, if its time has come and a window is open; answers when to look again
     * for it (null: not before something changes).
     */
    private Instant renewIfDue(Instant now, AliasFacts facts, WatchSupport support) {
        if (renewalStarted || facts.policy() == null) {
            return null;
        }
        PolicyDefinition policy = facts.policy().policy();
        Instant startAt = PolicyTiming.startAt(policy, certificate);
        if (!startAt.isAfter(certificate.notBefore())) {
            // it would renew this certificate's successor as soon as it is issued, and that one's, over and over
            return notStarted(now, facts, PolicyTiming.renewsAtIssue(policy, certificate), support);
        }
        if (now.isBefore(startAt)) {
            return startAt;
        }
        if (facts.openRenewal() != null) {
            return now.plus(support.tiers().retryAfter()); // a renewal started by hand is under way
        }
        Optional<Instant> opening = PolicyTiming.nextOpening(policy, now);
        if (opening.isPresent()) {
            return opening.get();
        }
        WatchSupport.Start start = support.start(alias, certificate, facts, now);
        if (start.refusal() == null) {
            apply(new RenewalStartedByPolicy(alias, certificate.sha256(), start.renewalId(), start.partnerId(),
                    start.playbook(), facts.policy().scope(), facts.policy().version(), now));
            return null;
        }
        return notStarted(now, facts, start.refusal(), support);
    }

    /** Records why the policy's renewal does not start (unless that reason was told already); when to try again. */
    private Instant notStarted(Instant now, AliasFacts facts, String reason, WatchSupport support) {
        Instant retry = now.plus(support.tiers().retryAfter());
        if (!reason.equals(notStartedReason)) {
            apply(new RenewalByPolicyNotStarted(alias, certificate.sha256(), facts.policy().scope(), reason, retry,
                    now));
        }
        return retry;
    }

    @EventSourcingHandler
    void on(CertificateWatched event) {
        watchId = WatchCommands.watchId(event.alias());
        alias = event.alias();
        certificate = event.certificate();
        keystoreVersion = event.keystoreVersion();
        tierReported = null;
        renewalStarted = false;
        notStartedReason = null;
        expiryReported = false;
    }

    @EventSourcingHandler
    void on(ExpiryTierReached event) {
        tierReported = event.tierDays();
    }

    @EventSourcingHandler
    void on(RenewalStartedByPolicy event) {
        renewalStarted = true;
    }

    @EventSourcingHandler
    void on(RenewalByPolicyNotStarted event) {
        notStartedReason = event.reason();
    }

    @EventSourcingHandler
    void on(CertificateExpiredUnrenewed event) {
        expiryReported = true;
    }

    /** The renewal id the watch gives the renewal of {@code certificate} of {@code alias}: the same each time. */
    static RenewalId renewalIdOf(String alias, CertificateSummary certificate) {
        return new RenewalId(java.util.UUID.nameUUIDFromBytes(("alias-watch:" + alias + ":"
                + certificate.sha256().value()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    }
}
