package io.keyrenewal.renewal.partner;

import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;

/** The facts of the partner directory, as stored; each carries the whole entry as it is after it. */
public final class PartnerEvents {

    private PartnerEvents() {
    }

    /** A partner was registered. */
    public record PartnerRegistered(PartnerDirectoryEntry entry) {
    }

    /** A partner's contacts, channels or capability changed. */
    public record PartnerChanged(PartnerDirectoryEntry entry) {
    }
}
