package io.keyrenewal.renewal.query;

import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.KeystoreFailureRecorded;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.renewal.playbook.RenewalStep;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link RenewalView} up to date. It runs in the command's transaction (subscribing processor), so a renewal
 * is readable as soon as {@code POST /renewals} answers.
 */
@Component
@ProcessingGroup(RenewalViewProjection.PROCESSING_GROUP)
public class RenewalViewProjection {

    public static final String PROCESSING_GROUP = "renewal-views";

    private final RenewalViewRepository views;

    public RenewalViewProjection(RenewalViewRepository views) {
        this.views = views;
    }

    @EventHandler
    void on(RenewalStarted event) {
        RenewalView view = new RenewalView(event.renewalId().value());
        view.started(event.alias(), event.partnerId().value(), event.playbook().name(),
                event.guaranteedDeliveryTime(), event.keyAlgorithm().name(), event.at());
        moved(view, RenewalStep.AWAITING_NEW_KEY_PAIR, event);
        views.save(view);
    }

    @EventHandler
    void on(NewKeyPairCreated event) {
        update(event, view -> {
            view.newCertificate(event.certificate().sha256().value(), event.certificate().serialNumber(),
                    event.certificate().notAfter());
            if (event.previous() != null) {
                view.oldCertificate(event.previous().sha256().value(), event.previous().serialNumber());
            }
        });
    }

    @EventHandler
    void on(CertificateProvided event) {
        update(event, view -> moved(view, RenewalStep.AWAITING_PARTNER_SWITCH, event));
    }

    @EventHandler
    void on(PartnerSwitchedToNewKey event) {
        update(event, view -> {
            view.retainOldKeyUntil(event.retainOldKeyUntil());
            moved(view, RenewalStep.RETAINING_OLD_KEY_PAIR, event);
        });
    }

    @EventHandler
    void on(OldKeyPairRemovalDecided event) {
        update(event, view -> moved(view, RenewalStep.AWAITING_OLD_KEY_PAIR_REMOVAL, event));
    }

    @EventHandler
    void on(RenewalCompleted event) {
        update(event, view -> {
            view.completed(event.at());
            moved(view, RenewalStep.COMPLETED, event);
        });
    }

    @EventHandler
    void on(KeystoreFailureRecorded event) {
        update(event, view -> view.keystoreFailure(event.operation() + ": " + event.reason()));
    }

    private void update(RenewalEvent event, java.util.function.Consumer<RenewalView> change) {
        RenewalView view = views.findById(event.renewalId().value()).orElseThrow(() -> new IllegalStateException(
                "renewal view " + event.renewalId() + " is missing its RenewalStarted"));
        change.accept(view);
        views.save(view);
    }

    private static void moved(RenewalView view, RenewalStep step, RenewalEvent event) {
        view.movedTo(step.name(), step.nextActor(), event.at());
    }
}
