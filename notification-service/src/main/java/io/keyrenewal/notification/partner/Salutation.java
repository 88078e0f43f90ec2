package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.renewal.PartnerRole;

import java.util.Locale;

/** The first line of every message: whom it addresses, in words. */
public final class Salutation {

    private Salutation() {
    }

    public static String of(PartnerRole role, PartnerId partnerId) {
        if (role == PartnerRole.TENANT_ADMINISTRATOR) {
            return "Hello tenant administrator,";
        }
        return "Hello " + words(role) + " of partner " + partnerId + ",";
    }

    /** The recipient's own system, as its role names it: "sender system", "receiver system". */
    static String system(PartnerRole role) {
        return switch (role) {
            case SENDER_ADMINISTRATOR -> "sender system";
            case RECEIVER_ADMINISTRATOR -> "receiver system";
            case TENANT_ADMINISTRATOR -> "system";
        };
    }

    static String words(PartnerRole role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
