package io.keyrenewal.renewal.partner;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.renewal.partner.PartnerCommands.ChangePartner;
import io.keyrenewal.renewal.partner.PartnerCommands.RegisterPartner;
import io.keyrenewal.renewal.partner.PartnerEvents.PartnerChanged;
import io.keyrenewal.renewal.partner.PartnerEvents.PartnerRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/** A partner of the tenant, event-sourced so that every change of its contacts and capability is in the history. */
@Aggregate
public class Partner {

    @AggregateIdentifier
    private PartnerId partnerId;
    private PartnerDirectoryEntry entry;

    protected Partner() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Partner(RegisterPartner command) {
        requireSameId(command.partnerId(), command.entry());
        AggregateLifecycle.apply(new PartnerRegistered(command.entry()));
    }

    @CommandHandler
    public void handle(ChangePartner command) {
        requireSameId(command.partnerId(), command.entry());
        if (sameDetails(entry, command.entry())) {
            return; // nothing changed
        }
        AggregateLifecycle.apply(new PartnerChanged(command.entry()));
    }

    private static void requireSameId(PartnerId partnerId, PartnerDirectoryEntry entry) {
        if (!partnerId.equals(entry.partnerId())) {
            throw new IllegalArgumentException("the entry is about partner " + entry.partnerId() + ", not "
                    + partnerId);
        }
    }

    private static boolean sameDetails(PartnerDirectoryEntry a, PartnerDirectoryEntry b) {
        return a.name().equals(b.name()) && a.contacts().equals(b.contacts()) && a.channels().equals(b.channels())
                && a.verifiesOldAndNewAtOnce() == b.verifiesOldAndNewAtOnce()
                && a.confirmationKeys().equals(b.confirmationKeys());
    }

    @EventSourcingHandler
    void on(PartnerRegistered event) {
        partnerId = event.entry().partnerId();
        entry = event.entry();
    }

    @EventSourcingHandler
    void on(PartnerChanged event) {
        entry = event.entry();
    }
}
