package io.keyrenewal.contracts.partner;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.Require;

import java.time.Instant;
import java.util.List;

/**
 * A partner as registered with renewal-service, published on the compacted topic {@code partner.directory.v1}
 * (key: partner id; the latest record wins). Carries no secret.
 *
 * @param verifiesOldAndNewAtOnce whether the partner verifies payloads signed by the old and the new key at once
 *                                (chooses playbook 1 over playbook 2 for signing keys)
 */
public record PartnerDirectoryEntry(PartnerId partnerId, String name, List<PartnerContact> contacts,
                                    PartnerChannels channels, boolean verifiesOldAndNewAtOnce, Instant updatedAt) {

    public PartnerDirectoryEntry {
        Require.present(partnerId, "partnerId");
        Require.text(name, "name");
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        Require.present(channels, "channels");
        Require.present(updatedAt, "updatedAt");
    }
}
