package io.keyrenewal.renewal.query;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.KeyPairRolledBack;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Time travel over the event store: where a renewal stood at a moment, which certificate was active for an alias,
 * and which certificates a partner had been given. Each answer folds the stored events up to that moment.
 */
@Component
public class AsOfQueries {

    private final EventStore eventStore;
    private final RenewalViewRepository views;

    public AsOfQueries(EventStore eventStore, RenewalViewRepository views) {
        this.eventStore = eventStore;
        this.views = views;
    }

    /** The renewal as it stood at {@code asOf}; empty if it had not started by then. */
    public Optional<RenewalView> renewal(String renewalId, Instant asOf) {
        RenewalView view = new RenewalView(renewalId);
        List<RenewalEvent> events = eventsUntil(renewalId, asOf);
        events.forEach(event -> RenewalViewProjection.apply(view, event));
        return events.isEmpty() ? Optional.empty() : Optional.of(view);
    }

    /**
     * The certificate active for {@code alias} at {@code asOf}, as the renewals of the alias recorded it: before the
     * first renewal, the key it renewed; then each activation up to {@code asOf} (at the new key's creation where the
     * renewal started with it active at once, else at the exchange; a rollback back to the old key).
     */
    public Optional<CertificateRef> activeCertificate(String alias, Instant asOf) {
        CertificateRef active = null;
        for (RenewalView renewal : renewalsOf(alias)) {
            KeyPairActivation newKeyPair = null;
            for (RenewalEvent event : events(renewal.getRenewalId())) {
                boolean past = !event.at().isAfter(asOf);
                if (event instanceof RenewalStarted started) {
                    newKeyPair = started.newKeyPair();
                } else if (event instanceof NewKeyPairCreated created) {
                    active = active == null ? created.previous() : active;
                    if (past && newKeyPair == KeyPairActivation.ACTIVE_AT_ONCE) {
                        active = created.certificate().ref();
                    }
                } else if (past && event instanceof KeyPairExchanged exchanged) {
                    active = exchanged.newCertificate();
                } else if (past && event instanceof KeyPairRolledBack rolledBack) {
                    active = rolledBack.active();
                }
            }
        }
        return Optional.ofNullable(active);
    }

    /** A certificate given to a partner: which, for which alias and renewal, and when. */
    public record ProvidedCertificate(String renewalId, String alias, CertificateRef certificate, Instant providedAt) {
    }

    /** The certificates {@code partnerId} had been given (told to trust) up to {@code asOf}, oldest first. */
    public List<ProvidedCertificate> certificatesGivenTo(String partnerId, Instant asOf) {
        List<ProvidedCertificate> given = new ArrayList<>();
        for (RenewalView renewal : views.find(null, partnerId, null)) {
            for (RenewalEvent event : eventsUntil(renewal.getRenewalId(), asOf)) {
                if (event instanceof CertificateProvided provided) {
                    given.add(new ProvidedCertificate(renewal.getRenewalId(), provided.alias(),
                            provided.certificate().ref(), provided.at()));
                }
            }
        }
        given.sort(Comparator.comparing(ProvidedCertificate::providedAt));
        return given;
    }

    private List<RenewalView> renewalsOf(String alias) {
        List<RenewalView> renewals = new ArrayList<>(views.find(null, null, alias));
        renewals.sort(Comparator.comparing(RenewalView::getStartedAt));
        return renewals;
    }

    /** The renewal's events that had happened by {@code asOf} (by their own time, the renewal's clock). */
    private List<RenewalEvent> eventsUntil(String renewalId, Instant asOf) {
        return events(renewalId).stream().filter(event -> !event.at().isAfter(asOf)).toList();
    }

    private List<RenewalEvent> events(String renewalId) {
        return eventStore.readEvents(renewalId).asStream().map(DomainEventMessage::getPayload)
                .filter(RenewalEvent.class::isInstance).map(RenewalEvent.class::cast).toList();
    }
}
