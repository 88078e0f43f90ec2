package io.keyrenewal.contracts.partner;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A partner as registered with renewal-service, published on the compacted topic {@code partner.directory.v1}
 * (key: partner id; the latest record wins). Carries no secret.
 *
 * @param verifiesOldAndNewAtOnce whether the partner verifies payloads signed by the old and the new key at once
 *                                (chooses playbook 1 over playbook 2 for signing keys)
 * @param confirmationKeys        the public keys the partner signs its confirmations with (none: it cannot confirm)
 */
public record PartnerDirectoryEntry(PartnerId partnerId, String name, List<PartnerContact> contacts,
                                    PartnerChannels channels, boolean verifiesOldAndNewAtOnce, Instant updatedAt,
                                    List<ConfirmationKey> confirmationKeys) {

    public PartnerDirectoryEntry {
        Require.present(partnerId, "partnerId");
        Require.text(name, "name");
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        Require.present(channels, "channels");
        Require.present(updatedAt, "updatedAt");
        confirmationKeys = confirmationKeys == null ? List.of() : List.copyOf(confirmationKeys);
    }

    /** An entry without confirmation keys (as entries were before partners signed their confirmations). */
    public PartnerDirectoryEntry(PartnerId partnerId, String name, List<PartnerContact> contacts,
                                 PartnerChannels channels, boolean verifiesOldAndNewAtOnce, Instant updatedAt) {
        this(partnerId, name, contacts, channels, verifiesOldAndNewAtOnce, updatedAt, List.of());
    }

    /** The registered key with this key id. */
    public Optional<ConfirmationKey> confirmationKey(String kid) {
        return confirmationKeys.stream().filter(key -> key.kid().equals(kid)).findFirst();
    }
}
