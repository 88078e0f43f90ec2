package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.ConfirmationType;

import java.util.EnumMap;
import java.util.Map;

/** The partner step each confirmation confirms, in words a partner administrator acts on. */
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

    private PartnerSteps() {
    }

    static String describe(ConfirmationType type) {
        return STEPS.get(type);
    }
}
