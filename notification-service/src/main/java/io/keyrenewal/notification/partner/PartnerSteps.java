package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.notification.renewal.KnownRenewal;

/**
 * The partner step each confirmation confirms, in words a partner administrator acts on. Where the renewal renews the
 * partner's certificate the steps are about the partner's own key: the switch to it means signing with it where the
 * tenant verifies the partner's signatures, and decrypting with it only where the tenant encrypts to the partner.
 */
final class PartnerSteps {

    private static final String SEND_THE_CERTIFICATE = "send the certificate of the new key pair (PEM, never its"
            + " private key) in the confirmation's certificate field";

    private PartnerSteps() {
    }

    static String describe(ConfirmationType type, KnownRenewal renewal) {
        return switch (type) {
            case VERIFIES_BOTH ->
                    "configure your system to verify payloads signed with the old key and with the new certificate";
            case OLD_CERTIFICATE_REMOVED ->
                    "remove the tenant's old certificate from your system, so that it verifies only the new one";
            case DOWNTIME_ACCEPTED -> "accept the proposed downtime window";
            case SENDING_STOPPED -> "stop sending" + (renewal.renewsPartnersCertificate() ? "" : " signed")
                    + " messages to the tenant at the start of the agreed downtime window";
            case CERTIFICATE_EXCHANGED -> "exchange the tenant's old certificate with the new one in your system";
            case SENDING_RESUMED -> "start sending messages to the tenant again";
            case SWITCHED_TO_NEW_KEY -> !renewal.renewsPartnersCertificate()
                    ? "encrypt the payloads you send to the tenant with the new certificate and remove the old one"
                    : renewal.encryptsToPartner()
                    ? "decrypt the messages the tenant sends you with your new key only and remove your old key"
                    : "sign the messages you send to the tenant with your new key, the one whose certificate the"
                    + " tenant imported";
            case NEW_CERTIFICATE -> !renewal.encryptsToPartner() ? "create a new key pair and " + SEND_THE_CERTIFICATE
                    : renewal.downtimeAgreed()
                    ? "replace your old key pair with a new one now, while nothing is sent, and " + SEND_THE_CERTIFICATE
                    : "create a new key pair, decrypt with it as well as with your old key, and "
                    + SEND_THE_CERTIFICATE;
        };
    }
}
