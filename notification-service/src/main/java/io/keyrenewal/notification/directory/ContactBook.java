package io.keyrenewal.notification.directory;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;

import java.util.Optional;

/** Port: the partners this service may write to, as last published on {@code partner.directory.v1}. */
public interface ContactBook {

    /**
     * Keeps {@code entry} unless a newer one (by {@code updatedAt}) is already kept; keeping the same entry again
     * changes nothing.
     *
     * @return whether the contact book changed
     */
    boolean keep(PartnerDirectoryEntry entry);

    /** The partner was removed from the directory (a tombstone on the compacted topic). */
    void forget(PartnerId partnerId);

    Optional<PartnerDirectoryEntry> find(PartnerId partnerId);
}
