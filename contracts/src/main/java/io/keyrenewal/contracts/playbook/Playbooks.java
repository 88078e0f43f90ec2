package io.keyrenewal.contracts.playbook;

import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.renewal.CertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.keyrenewal.contracts.playbook.Milestone.*;
import static io.keyrenewal.contracts.playbook.Step.keystore;
import static io.keyrenewal.contracts.playbook.Step.partner;
import static io.keyrenewal.contracts.playbook.Step.system;
import static io.keyrenewal.contracts.playbook.Step.tenant;

/**
 * The catalogue: every playbook as data, step for step (docs/playbooks.md), in contracts so that every service and
 * tool reads the same one; renewal-service's aggregate runs it, {@code GET /playbooks} lists it.
 */
public final class Playbooks {

    /** Playbook 1: tenant signs inbound response, the sender verifies old and new at once (no downtime). */
    static final PlaybookDefinition SIGN_VERIFY_BOTH = new PlaybookDefinition(
            Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, 1,
            "signs inbound response, partner verifies both", KeyPurpose.SIGN_INBOUND_RESPONSE, true,
            PartnerRole.SENDER_ADMINISTRATOR, List.of(
            keystore(KEY_PAIR_CREATED),                                                          // 1
            system(CERTIFICATE_PROVIDED, KEY_PAIR_CREATED),                                      // 2
            partner(PARTNER_VERIFIES_BOTH, ConfirmationType.VERIFIES_BOTH, CERTIFICATE_PROVIDED), // 3-4
            tenant(EXCHANGE_APPROVED, PARTNER_VERIFIES_BOTH),
            system(EXCHANGE_DECIDED, PARTNER_VERIFIES_BOTH, EXCHANGE_APPROVED),                  // 5, never before 4
            keystore(KEY_PAIR_EXCHANGED, EXCHANGE_DECIDED),
            system(PARTNER_INFORMED_OF_EXCHANGE, KEY_PAIR_EXCHANGED),                            // 6
            partner(PARTNER_REMOVED_OLD_CERTIFICATE, ConfirmationType.OLD_CERTIFICATE_REMOVED,
                    PARTNER_INFORMED_OF_EXCHANGE),                                               // 7
            system(OLD_KEY_PAIR_REMOVAL_DECIDED, KEY_PAIR_EXCHANGED),                            // retention
            keystore(OLD_KEY_PAIR_REMOVED, OLD_KEY_PAIR_REMOVAL_DECIDED),
            system(COMPLETED, PARTNER_REMOVED_OLD_CERTIFICATE, OLD_KEY_PAIR_REMOVED)),
            CertificateUse.VERIFY_WITH_BOTH, KEY_PAIR_EXCHANGED, true, PARTNER_REMOVED_OLD_CERTIFICATE,
            EXCHANGE_DECIDED);

    /** Playbook 2: tenant signs inbound response, the sender verifies one key at a time (agreed downtime). */
    static final PlaybookDefinition SIGN_WITH_DOWNTIME = new PlaybookDefinition(
            Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME, 2,
            "signs inbound response, with downtime", KeyPurpose.SIGN_INBOUND_RESPONSE, false,
            PartnerRole.SENDER_ADMINISTRATOR, List.of(
            keystore(KEY_PAIR_CREATED),                                                          // 1
            system(CERTIFICATE_PROVIDED, KEY_PAIR_CREATED),                                      // 2
            tenant(DOWNTIME_PROPOSED, CERTIFICATE_PROVIDED),                                     // 3
            partner(DOWNTIME_AGREED, ConfirmationType.DOWNTIME_ACCEPTED, DOWNTIME_PROPOSED),     // 3
            partner(SENDER_STOPPED_SENDING, ConfirmationType.SENDING_STOPPED, DOWNTIME_AGREED),  // 4
            partner(SENDER_EXCHANGED_CERTIFICATE, ConfirmationType.CERTIFICATE_EXCHANGED,
                    SENDER_STOPPED_SENDING),                                                     // 5-6
            tenant(DRAIN_CONFIRMED, SENDER_STOPPED_SENDING),                                     // 7
            tenant(EXCHANGE_APPROVED, SENDER_EXCHANGED_CERTIFICATE, DRAIN_CONFIRMED),
            system(EXCHANGE_DECIDED, SENDER_EXCHANGED_CERTIFICATE, DRAIN_CONFIRMED, EXCHANGE_APPROVED), // 8
            keystore(KEY_PAIR_EXCHANGED, EXCHANGE_DECIDED),
            system(PARTNER_INFORMED_OF_EXCHANGE, KEY_PAIR_EXCHANGED),                            // 9
            partner(SENDER_RESUMED_SENDING, ConfirmationType.SENDING_RESUMED,
                    PARTNER_INFORMED_OF_EXCHANGE),                                               // 10
            system(OLD_KEY_PAIR_REMOVAL_DECIDED, KEY_PAIR_EXCHANGED),
            keystore(OLD_KEY_PAIR_REMOVED, OLD_KEY_PAIR_REMOVAL_DECIDED),
            system(COMPLETED, SENDER_RESUMED_SENDING, OLD_KEY_PAIR_REMOVED)),
            CertificateUse.EXCHANGE_AT_DOWNTIME, KEY_PAIR_EXCHANGED, true, null, EXCHANGE_DECIDED);

    /** Playbook 3: tenant decrypts outbound response (no downtime). */
    static final PlaybookDefinition DECRYPT_OUTBOUND_RESPONSE = new PlaybookDefinition(
            Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, 3,
            "decrypts outbound response", KeyPurpose.DECRYPT_OUTBOUND_RESPONSE, null,
            PartnerRole.RECEIVER_ADMINISTRATOR, List.of(
            keystore(KEY_PAIR_CREATED),                                                          // 1-2
            system(CERTIFICATE_PROVIDED, KEY_PAIR_CREATED),                                      // 3
            partner(PARTNER_SWITCHED_TO_NEW_KEY, ConfirmationType.SWITCHED_TO_NEW_KEY,
                    CERTIFICATE_PROVIDED),                                                       // 4-6
            system(OLD_KEY_PAIR_REMOVAL_DECIDED, PARTNER_SWITCHED_TO_NEW_KEY),                   // 7, retention
            keystore(OLD_KEY_PAIR_REMOVED, OLD_KEY_PAIR_REMOVAL_DECIDED),
            system(COMPLETED, OLD_KEY_PAIR_REMOVED)),
            // once the receiver has the certificate it may encrypt with it: the new key must stay to decrypt
            CertificateUse.ENCRYPT_WITH_NEW, PARTNER_SWITCHED_TO_NEW_KEY, false, null, CERTIFICATE_PROVIDED);

    /**
     * Playbook 4: tenant decrypts inbound request (no downtime): playbook 3 with the sender in the receiver's place.
     * The tenant creates a new key pair and adds it, sends its certificate to the sender, which encrypts with it and
     * confirms; the old key pair is removed after the retention.
     */
    static final PlaybookDefinition DECRYPT_INBOUND_REQUEST = new PlaybookDefinition(
            Playbook.TENANT_DECRYPTS_INBOUND_REQUEST, 4,
            "decrypts inbound request", KeyPurpose.DECRYPT_INBOUND_REQUEST, null,
            PartnerRole.SENDER_ADMINISTRATOR, List.of(
            keystore(KEY_PAIR_CREATED),
            system(CERTIFICATE_PROVIDED, KEY_PAIR_CREATED),
            partner(PARTNER_SWITCHED_TO_NEW_KEY, ConfirmationType.SWITCHED_TO_NEW_KEY, CERTIFICATE_PROVIDED),
            system(OLD_KEY_PAIR_REMOVAL_DECIDED, PARTNER_SWITCHED_TO_NEW_KEY),
            keystore(OLD_KEY_PAIR_REMOVED, OLD_KEY_PAIR_REMOVAL_DECIDED),
            system(COMPLETED, OLD_KEY_PAIR_REMOVED)),
            CertificateUse.ENCRYPT_WITH_NEW, PARTNER_SWITCHED_TO_NEW_KEY, false, null, CERTIFICATE_PROVIDED);

    /**
     * Playbook 5: tenant signs outbound request, the receiver verifies old and new at once (no downtime): playbook 1
     * with the receiver in the sender's place.
     */
    static final PlaybookDefinition SIGN_OUTBOUND_REQUEST_VERIFY_BOTH = new PlaybookDefinition(
            Playbook.TENANT_SIGNS_OUTBOUND_REQUEST_VERIFY_BOTH, 5,
            "signs outbound request, partner verifies both", KeyPurpose.SIGN_OUTBOUND_REQUEST, true,
            PartnerRole.RECEIVER_ADMINISTRATOR, SIGN_VERIFY_BOTH.steps(),
            CertificateUse.VERIFY_WITH_BOTH, KEY_PAIR_EXCHANGED, true, PARTNER_REMOVED_OLD_CERTIFICATE,
            EXCHANGE_DECIDED);

    /**
     * Playbook 6: tenant verifies inbound request. The sender creates a new key pair and sends its certificate
     * (signed with its registered confirmation key), the keystore imports it as the alias's partner certificate with
     * the old one kept beside it (both verify), the sender is told the fingerprint imported and switches to signing
     * with its new key; the old certificate is removed after the retention from that switch.
     */
    static final PlaybookDefinition VERIFY_INBOUND_REQUEST = new PlaybookDefinition(
            Playbook.TENANT_VERIFIES_INBOUND_REQUEST, 6,
            "verifies inbound request (the sender's new certificate)", KeyPurpose.VERIFY_INBOUND_REQUEST, null,
            PartnerRole.SENDER_ADMINISTRATOR, List.of(
            system(PARTNER_CERTIFICATE_REQUESTED),
            partner(PARTNER_CERTIFICATE_RECEIVED, ConfirmationType.NEW_CERTIFICATE, PARTNER_CERTIFICATE_REQUESTED),
            keystore(PARTNER_CERTIFICATE_IMPORTED, PARTNER_CERTIFICATE_RECEIVED),
            partner(PARTNER_SWITCHED_TO_NEW_KEY, ConfirmationType.SWITCHED_TO_NEW_KEY, PARTNER_CERTIFICATE_IMPORTED),
            system(OLD_KEY_PAIR_REMOVAL_DECIDED, PARTNER_SWITCHED_TO_NEW_KEY),
            keystore(OLD_KEY_PAIR_REMOVED, OLD_KEY_PAIR_REMOVAL_DECIDED),
            system(COMPLETED, OLD_KEY_PAIR_REMOVED)),
            // once imported the partner may sign with its new key: the certificate must stay to verify it
            null, PARTNER_SWITCHED_TO_NEW_KEY, false, null, PARTNER_CERTIFICATE_IMPORTED);

    /** Playbook 7: tenant verifies outbound response: playbook 6 with the receiver in the sender's place. */
    static final PlaybookDefinition VERIFY_OUTBOUND_RESPONSE = new PlaybookDefinition(
            Playbook.TENANT_VERIFIES_OUTBOUND_RESPONSE, 7,
            "verifies outbound response (the receiver's new certificate)", KeyPurpose.VERIFY_OUTBOUND_RESPONSE, null,
            PartnerRole.RECEIVER_ADMINISTRATOR, VERIFY_INBOUND_REQUEST.steps(),
            null, PARTNER_SWITCHED_TO_NEW_KEY, false, null, PARTNER_CERTIFICATE_IMPORTED);

    /**
     * Playbook 8: tenant encrypts inbound response, the sender decrypts with its old and new key at once: playbook 6's
     * steps, the certificate encrypted to instead of verified with. The sender creates a new key pair and decrypts with
     * both, sends the certificate, the keystore imports it (the tenant encrypts to it from then on), the sender is told
     * the fingerprint and removes its old key; the old certificate is removed after the retention from that switch.
     */
    static final PlaybookDefinition ENCRYPT_INBOUND_RESPONSE_DECRYPT_BOTH = new PlaybookDefinition(
            Playbook.TENANT_ENCRYPTS_INBOUND_RESPONSE_DECRYPT_BOTH, 8,
            "encrypts inbound response (the sender's new certificate), partner decrypts with both",
            KeyPurpose.ENCRYPT_INBOUND_RESPONSE, true, PartnerRole.SENDER_ADMINISTRATOR, VERIFY_INBOUND_REQUEST.steps(),
            null, PARTNER_SWITCHED_TO_NEW_KEY, false, null, PARTNER_CERTIFICATE_IMPORTED);

    /**
     * Playbook 9: tenant encrypts inbound response, the sender decrypts with one key at a time (agreed downtime). The
     * sender stops sending in the window; the tenant confirms that no response encrypted to the old certificate is
     * still on its way, then asks for the new certificate; the sender swaps its key and sends it; once imported the
     * sender resumes. The tenant no longer encrypts to the old certificate from the import: its retention starts there.
     */
    static final PlaybookDefinition ENCRYPT_INBOUND_RESPONSE_WITH_DOWNTIME = new PlaybookDefinition(
            Playbook.TENANT_ENCRYPTS_INBOUND_RESPONSE_WITH_DOWNTIME, 9,
            "encrypts inbound response (the sender's new certificate), with downtime",
            KeyPurpose.ENCRYPT_INBOUND_RESPONSE, false, PartnerRole.SENDER_ADMINISTRATOR, List.of(
            tenant(DOWNTIME_PROPOSED),
            partner(DOWNTIME_AGREED, ConfirmationType.DOWNTIME_ACCEPTED, DOWNTIME_PROPOSED),
            partner(SENDER_STOPPED_SENDING, ConfirmationType.SENDING_STOPPED, DOWNTIME_AGREED),
            tenant(DRAIN_CONFIRMED, SENDER_STOPPED_SENDING),
            system(PARTNER_CERTIFICATE_REQUESTED, DRAIN_CONFIRMED),
            partner(PARTNER_CERTIFICATE_RECEIVED, ConfirmationType.NEW_CERTIFICATE, PARTNER_CERTIFICATE_REQUESTED),
            keystore(PARTNER_CERTIFICATE_IMPORTED, PARTNER_CERTIFICATE_RECEIVED),
            partner(SENDER_RESUMED_SENDING, ConfirmationType.SENDING_RESUMED, PARTNER_CERTIFICATE_IMPORTED),
            system(OLD_KEY_PAIR_REMOVAL_DECIDED, PARTNER_CERTIFICATE_IMPORTED),
            keystore(OLD_KEY_PAIR_REMOVED, OLD_KEY_PAIR_REMOVAL_DECIDED),
            system(COMPLETED, SENDER_RESUMED_SENDING, OLD_KEY_PAIR_REMOVED)),
            null, PARTNER_CERTIFICATE_IMPORTED, false, null, PARTNER_CERTIFICATE_IMPORTED);

    /** Playbook 10: tenant encrypts outbound request: playbook 8 with the receiver in the sender's place. */
    static final PlaybookDefinition ENCRYPT_OUTBOUND_REQUEST_DECRYPT_BOTH = new PlaybookDefinition(
            Playbook.TENANT_ENCRYPTS_OUTBOUND_REQUEST_DECRYPT_BOTH, 10,
            "encrypts outbound request (the receiver's new certificate), partner decrypts with both",
            KeyPurpose.ENCRYPT_OUTBOUND_REQUEST, true, PartnerRole.RECEIVER_ADMINISTRATOR,
            VERIFY_INBOUND_REQUEST.steps(), null, PARTNER_SWITCHED_TO_NEW_KEY, false, null,
            PARTNER_CERTIFICATE_IMPORTED);

    /**
     * Playbook 11: tenant encrypts outbound request, the receiver decrypts with one key at a time: in the agreed window
     * the integration developer undeploys the flow, the tenant confirms that no request encrypted to the old
     * certificate is still on its way and asks for the new one, the receiver swaps its key and sends it, and once it is
     * imported the flow is redeployed. The retention starts at the import.
     */
    static final PlaybookDefinition ENCRYPT_OUTBOUND_REQUEST_WITH_DOWNTIME = new PlaybookDefinition(
            Playbook.TENANT_ENCRYPTS_OUTBOUND_REQUEST_WITH_DOWNTIME, 11,
            "encrypts outbound request (the receiver's new certificate), with downtime and redeploy",
            KeyPurpose.ENCRYPT_OUTBOUND_REQUEST, false, PartnerRole.RECEIVER_ADMINISTRATOR, List.of(
            tenant(DOWNTIME_PROPOSED),
            partner(DOWNTIME_AGREED, ConfirmationType.DOWNTIME_ACCEPTED, DOWNTIME_PROPOSED),
            tenant(FLOW_UNDEPLOYED, DOWNTIME_AGREED),
            tenant(DRAIN_CONFIRMED, FLOW_UNDEPLOYED),
            system(PARTNER_CERTIFICATE_REQUESTED, DRAIN_CONFIRMED),
            partner(PARTNER_CERTIFICATE_RECEIVED, ConfirmationType.NEW_CERTIFICATE, PARTNER_CERTIFICATE_REQUESTED),
            keystore(PARTNER_CERTIFICATE_IMPORTED, PARTNER_CERTIFICATE_RECEIVED),
            tenant(FLOW_REDEPLOYED, PARTNER_CERTIFICATE_IMPORTED),
            system(OLD_KEY_PAIR_REMOVAL_DECIDED, PARTNER_CERTIFICATE_IMPORTED),
            keystore(OLD_KEY_PAIR_REMOVED, OLD_KEY_PAIR_REMOVAL_DECIDED),
            system(COMPLETED, FLOW_REDEPLOYED, OLD_KEY_PAIR_REMOVED)),
            null, PARTNER_CERTIFICATE_IMPORTED, false, null, PARTNER_CERTIFICATE_IMPORTED);

    /**
     * Playbook 12: tenant signs outbound request, the receiver verifies one key at a time. The receiver gets the new
     * certificate; in the agreed window the integration developer undeploys the flow, the tenant confirms that no
     * request signed with the old key is still on its way, the key pair is exchanged, the receiver exchanges the
     * certificate and confirms, and the flow is redeployed.
     */
    static final PlaybookDefinition SIGN_OUTBOUND_REQUEST_WITH_DOWNTIME = new PlaybookDefinition(
            Playbook.TENANT_SIGNS_OUTBOUND_REQUEST_WITH_DOWNTIME, 12,
            "signs outbound request, with downtime and redeploy", KeyPurpose.SIGN_OUTBOUND_REQUEST, false,
            PartnerRole.RECEIVER_ADMINISTRATOR, List.of(
            keystore(KEY_PAIR_CREATED),
            system(CERTIFICATE_PROVIDED, KEY_PAIR_CREATED),
            tenant(DOWNTIME_PROPOSED, CERTIFICATE_PROVIDED),
            partner(DOWNTIME_AGREED, ConfirmationType.DOWNTIME_ACCEPTED, DOWNTIME_PROPOSED),
            tenant(FLOW_UNDEPLOYED, DOWNTIME_AGREED),
            tenant(DRAIN_CONFIRMED, FLOW_UNDEPLOYED),
            tenant(EXCHANGE_APPROVED, DRAIN_CONFIRMED),
            system(EXCHANGE_DECIDED, DRAIN_CONFIRMED, EXCHANGE_APPROVED),
            keystore(KEY_PAIR_EXCHANGED, EXCHANGE_DECIDED),
            system(PARTNER_INFORMED_OF_EXCHANGE, KEY_PAIR_EXCHANGED),
            partner(SENDER_EXCHANGED_CERTIFICATE, ConfirmationType.CERTIFICATE_EXCHANGED,
                    PARTNER_INFORMED_OF_EXCHANGE),
            tenant(FLOW_REDEPLOYED, SENDER_EXCHANGED_CERTIFICATE),
            system(OLD_KEY_PAIR_REMOVAL_DECIDED, KEY_PAIR_EXCHANGED),
            keystore(OLD_KEY_PAIR_REMOVED, OLD_KEY_PAIR_REMOVAL_DECIDED),
            system(COMPLETED, FLOW_REDEPLOYED, OLD_KEY_PAIR_REMOVED)),
            CertificateUse.EXCHANGE_AT_DOWNTIME, KEY_PAIR_EXCHANGED, true, null, EXCHANGE_DECIDED);

    private static final Map<Playbook, PlaybookDefinition> ALL = Map.ofEntries(java.util.stream.Stream.of(
            SIGN_VERIFY_BOTH, SIGN_WITH_DOWNTIME, DECRYPT_OUTBOUND_RESPONSE, DECRYPT_INBOUND_REQUEST,
            SIGN_OUTBOUND_REQUEST_VERIFY_BOTH, VERIFY_INBOUND_REQUEST, VERIFY_OUTBOUND_RESPONSE,
            ENCRYPT_INBOUND_RESPONSE_DECRYPT_BOTH, ENCRYPT_INBOUND_RESPONSE_WITH_DOWNTIME,
            ENCRYPT_OUTBOUND_REQUEST_DECRYPT_BOTH, ENCRYPT_OUTBOUND_REQUEST_WITH_DOWNTIME,
            SIGN_OUTBOUND_REQUEST_WITH_DOWNTIME)
            .map(definition -> Map.entry(definition.playbook(), definition)).toArray(Map.Entry[]::new));


    /**
     * The version of this catalogue. A renewal follows the version it started with to its end
     * ({@code RenewalStarted.catalogueVersion}): a change to a definition that a running renewal would notice (its
     * steps, who takes them, what they need) comes as a new version, and the definitions of the versions before it
     * stay here under their number for the renewals that started with them.
     */
    public static final int CATALOGUE_VERSION = 1;

    private Playbooks() {
    }

    /** The catalogue has no playbook for what was asked: the reason says what is missing. */
    public static final class NotInCatalogue extends IllegalArgumentException {
        public NotInCatalogue(String reason) {
            super(reason);
        }
    }

    /** Every playbook of the catalogue, in the order of the enum. */
    public static List<PlaybookDefinition> all() {
        return java.util.Arrays.stream(Playbook.values()).filter(ALL::containsKey).map(ALL::get).toList();
    }

    /** The definition of {@code playbook} in catalogue {@code version}, as a renewal that started with it follows. */
    public static PlaybookDefinition of(Playbook playbook, int version) {
        if (version != CATALOGUE_VERSION) {
            throw new IllegalStateException("playbook catalogue version " + version + " is unknown to this service,"
                    + " which knows version " + CATALOGUE_VERSION + ": a renewal started by a newer version of the"
                    + " service cannot be run by this one");
        }
        return of(playbook);
    }

    /**
     * The playbook of the current catalogue that renews a key of {@code purpose}: the only one for it if it is for any
     * partner, else the one for the partner's capability (asked only then), refused if the catalogue has none for it.
     *
     * @param partnerUsesBothKeys whether the partner works with the old and the new key at once
     */
    public static PlaybookDefinition forPurpose(KeyPurpose purpose, Supplier<Boolean> partnerUsesBothKeys) {
        List<PlaybookDefinition> candidates = all().stream().filter(definition -> definition.purpose() == purpose)
                .toList();
        if (candidates.size() == 1 && candidates.get(0).partnerUsesBothKeys() == null) {
            return candidates.get(0); // for any partner: not asked
        }
        Boolean capability = candidates.isEmpty() ? null : partnerUsesBothKeys.get();
        return candidates.stream().filter(definition -> definition.partnerUsesBothKeys() == null
                        || definition.partnerUsesBothKeys().equals(capability)).findFirst()
                .orElseThrow(() -> new NotInCatalogue("no playbook of the catalogue renews a key"
                        + " to " + purpose + (candidates.isEmpty() ? "" : " with a partner that "
                        + (Boolean.TRUE.equals(capability) ? "uses" : "does not use") + " both keys at once")));
    }

    /** The definition of {@code playbook} in the current catalogue. */
    public static PlaybookDefinition of(Playbook playbook) {
        PlaybookDefinition definition = ALL.get(playbook);
        if (definition == null) {
            throw new NotInCatalogue("playbook " + playbook + " is not defined");
        }
        return definition;
    }
}
