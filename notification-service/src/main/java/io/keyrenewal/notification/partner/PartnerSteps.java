package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.notification.renewal.KnownRenewal;

import java.util.EnumMap;
import java.util.Map;

/**
 * The partner step each confirmation confirms, in words a partner administrator acts on. The switch to the new key is
 * another step when the renewal renews the partner's certificate: the partner signs with its own new key.
 */
final class PartnerSteps {

    private static final Map<ConfirmationType, String> STEPS = new EnumMap<>(Map.of(
            ConfirmationType.VERIFIES_BOTH,
            "configure your system to verify payloads signed with the old key and with the new certificate",
            ConfirmationType.OLD_CERTIFICATE_REMOVED,
            "remove the tenant's old certificate from your system, so that it verifies only the new one",
            ConfirmationType.DOWNTIME_ACCEPTED,
            "accept the proposed downtime window",
            ConfirmationType.SENDING_STOPPED,
            "stop sending signed messages to the tenant at the start of the agreed downtime window",
            ConfirmationType.CERTIFICATE_EXCHANGED,
            "exchange the tenant's old certificate with the new one in your system",
            ConfirmationType.SENDING_RESUMED,
            "start sending messages to the tenant again",
            ConfirmationType.SWITCHED_TO_NEW_KEY,
            "encrypt the payloads you send to the tenant with the new certificate and remove the old one",
            ConfirmationType.NEW_CERTIFICATE,
            "create a new key pair and send the certificate of the new key pair (PEM, never its private key) in the"
                    + " confirmation's certificate field"));

    private static final String SWITCH_TO_THE_PARTNERS_NEW_KEY = "sign the messages you send to the tenant with your"
            + " new key, the one whose certificate the tenant imported";

    private PartnerSteps() {
    }

    static String describe(ConfirmationType type, KnownRenewal renewal) {
        if (type == ConfirmationType.SWITCHED_TO_NEW_KEY && renewal.renewsPartnersCertificate()) {
            return SWITCH_TO_THE_PARTNERS_NEW_KEY;
        }
        return STEPS.get(type);
    }
}
