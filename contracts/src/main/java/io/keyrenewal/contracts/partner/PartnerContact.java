package io.keyrenewal.contracts.partner;

import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.renewal.PartnerRole;

/** An administrator of a partner system: who to write to for the steps of {@code role}. */
public record PartnerContact(PartnerRole role, String name, String email) {

    public PartnerContact {
        Require.present(role, "contact.role");
        Require.text(name, "contact.name");
    }
}
