package io.keyrenewal.renewal.partner;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What the tenant administrator does with the partner directory. */
public final class PartnerCommands {

    private PartnerCommands() {
    }

    public record RegisterPartner(@TargetAggregateIdentifier PartnerId partnerId, PartnerDirectoryEntry entry) {
    }

    public record ChangePartner(@TargetAggregateIdentifier PartnerId partnerId, PartnerDirectoryEntry entry) {
    }
}
