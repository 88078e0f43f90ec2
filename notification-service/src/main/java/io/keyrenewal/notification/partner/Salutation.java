package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.renewal.PartnerRole;

import java.util.Locale;

/** The first line of every partner message: whom it addresses, in words. */
final class Salutation {

    private Salutation() {
    }

    static String of(PartnerRole role, PartnerId partnerId) {
        return "Hello " + role.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " of partner " + partnerId + ",";
    }
}
