package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.notification.TestCertificates;
import io.keyrenewal.notification.renewal.KnownRenewal;
import io.keyrenewal.notification.renewal.RenewedKey;
import io.keyrenewal.notification.template.RenderedMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PartnerCertificateMessagesTest {

    private static final RenewalId RENEWAL = new RenewalId("5e1f0c4b-renewal-7");
    private static final PartnerId PARTNER = new PartnerId("acme");
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant RESPOND_BY = Instant.parse("2026-11-29T10:00:00Z");
    /** A playbook whose name says something else: the messages read the events, not it. */
    private static final Playbook PLAYBOOK = Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH;
    private static final Instant WINDOW_END = Instant.parse("2026-11-29T23:00:00Z");
    private static final Instant RETAIN_PREVIOUS_UNTIL = Instant.parse("2027-02-27T10:00:00Z");
    private static final CertificateInfo PARTNERS_NEW = TestCertificates.decryptor();
    private static final CertificateRef PARTNERS_OLD = new CertificateRef(new Fingerprint("cd".repeat(32)),
            "CN=acme old CA", "01ff");

    private final PartnerCertificateMessages messages = new PartnerCertificateMessages();

    @Test
    void asksTheSenderToCreateANewKeyPairInItsSystemKeepUsingTheOldKeyAndPublishOnlyTheCertificate() {
        PartnerMessage message = requested(verifying(PartnerRole.SENDER_ADMINISTRATOR));
        RenderedMessage rendered = render(message);

        assertThat(message.kind()).isEqualTo(NotificationKind.PARTNER_CERTIFICATE_REQUESTED);
        assertThat(message.recipient()).isEqualTo(PartnerRole.SENDER_ADMINISTRATOR);
        assertThat(message.attachments()).isEmpty();
        assertThat(rendered.subject()).isEqualTo("Action required: send the certificate of your new key pair for"
                + " alias partner-signer (renewal " + RENEWAL + ")");
        assertThat(rendered.text())
                .startsWith("Hello sender administrator of partner acme,")
                .contains("renews your certificate that it uses under the alias \"partner-signer\" (renewal id "
                        + RENEWAL + ")")
                .contains("create a new key pair in your sender system, but keep using your old key for now")
                .contains("in a NEW_CERTIFICATE confirmation as shown below")
                .contains("signed as usual")
                .contains("as PEM in the \"certificate\" field, its line breaks")
                .contains("written as \\n")
                .contains("The certificate only: never send a private key.")
                .doesNotContain("receiver system");
        assertThat(rendered.html()).contains("&quot;certificate&quot;:&quot;&lt;PEM of your new certificate&gt;");
    }

    @Test
    void namesTheReceiversOwnSystem() {
        assertThat(render(requested(verifying(PartnerRole.RECEIVER_ADMINISTRATOR))).text())
                .startsWith("Hello receiver administrator of partner acme,")
                .contains("create a new key pair in your receiver system")
                .doesNotContain("sender system");
    }

    @Test
    void showsTheExactNewCertificateConfirmationWithAPlaceholderForTheCertificate() {
        PartnerMessage message = requested(verifying(PartnerRole.SENDER_ADMINISTRATOR));

        String expectedJson = "{\"confirmationId\":\"<your unique id>\",\"renewalId\":\"" + RENEWAL + "\","
                + "\"partnerId\":\"acme\",\"type\":\"NEW_CERTIFICATE\",\"confirmedAt\":\"<ISO-8601 instant>\","
                + "\"certificate\":\"<PEM of your new certificate>\"}";
        assertThat(message.expectedConfirmation().example()).isEqualTo(expectedJson);
        assertThat(message.expectedConfirmation().type()).isEqualTo(ConfirmationType.NEW_CERTIFICATE);
        assertThat(message.expectedConfirmation().topic()).isEqualTo(Topics.PARTNER_CONFIRMATIONS);
        assertThat(render(message).text())
                .contains("publish this JSON on the Kafka topic renewal.partner-confirmations.v1 with the record key "
                        + RENEWAL)
                .contains("\n" + expectedJson + "\n");
    }

    @Test
    void theConfirmationExampleIsAValidNewCertificateConfirmationOnceThePlaceholdersAreFilledIn() {
        String example = requested(verifying(PartnerRole.SENDER_ADMINISTRATOR))
                .expectedConfirmation().example();

        PartnerConfirmation confirmation = ContractJson.read(example
                .replace("<your unique id>", "acme-confirmation-1")
                .replace("<ISO-8601 instant>", "2026-11-23T09:30:00Z")
                .replace("\"<PEM of your new certificate>\"", ContractJson.write(PARTNERS_NEW.pem())),
                PartnerConfirmation.class);

        assertThat(confirmation).isEqualTo(PartnerConfirmation.newCertificate("acme-confirmation-1", RENEWAL, PARTNER,
                Instant.parse("2026-11-23T09:30:00Z"), PARTNERS_NEW.pem()));
    }

    @Test
    void carriesTheRespondByDateInTheExpectedConfirmationAndTheText() {
        PartnerMessage message = requested(verifying(PartnerRole.SENDER_ADMINISTRATOR));

        assertThat(message.expectedConfirmation().respondBy()).isEqualTo(RESPOND_BY);
        assertThat(render(message).text()).contains("By when: Respond by 2026-11-29T10:00:00Z: after that the step"
                + " counts as overdue and you are reminded.");
        assertThat(render(messages.requested(verifying(PartnerRole.SENDER_ADMINISTRATOR),
                requested(PartnerRole.SENDER_ADMINISTRATOR, null, null))).text())
                .contains("By when: As soon as you can: the renewal waits for your certificate.");
    }

    @Test
    void echoesTheImportedCertificateSoThePartnerCanCheckItIsItsOwnAndSaysThePreviousOneStaysAccepted() {
        PartnerMessage message = switchAsked(PartnerRole.RECEIVER_ADMINISTRATOR, PARTNERS_OLD);
        RenderedMessage rendered = render(message);

        assertThat(message.kind()).isEqualTo(NotificationKind.PARTNER_CERTIFICATE_IMPORTED);
        assertThat(message.recipient()).isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);
        assertThat(rendered.subject()).isEqualTo("Action required: your new certificate is imported, confirm"
                + " SWITCHED_TO_NEW_KEY for alias partner-signer (renewal " + RENEWAL + ")");
        assertThat(rendered.text())
                .startsWith("Hello receiver administrator of partner acme,")
                .contains("The tenant imported your new certificate for the alias \"partner-signer\" (renewal id "
                        + RENEWAL + ")")
                .contains("Your previous certificate stays accepted beside it for now.")
                .contains("The certificate the tenant imported:\n"
                        + "  SHA-256 fingerprint: " + PARTNERS_NEW.sha256().value() + "\n"
                        + "  Serial number:       " + PARTNERS_NEW.serialNumber() + "\n"
                        + "  Issuer:              " + PARTNERS_NEW.issuer() + "\n")
                .contains("Your previous certificate:\n"
                        + "  SHA-256 fingerprint: " + PARTNERS_OLD.sha256().value() + "\n"
                        + "  Serial number:       01ff\n"
                        + "  Issuer:              CN=acme old CA\n");
        assertThat(rendered.html()).contains("<code>" + PARTNERS_NEW.sha256().value() + "</code>")
                .contains("<code>" + PARTNERS_OLD.sha256().value() + "</code>");
    }

    @Test
    void leavesThePreviousCertificateOutWhenTheKeystoreReplacedNone() {
        RenderedMessage rendered = render(switchAsked(PartnerRole.SENDER_ADMINISTRATOR, null));

        assertThat(rendered.text()).contains(PARTNERS_NEW.sha256().value()).doesNotContain("previous");
        assertThat(rendered.html()).doesNotContain("previous").doesNotContain("{{");
    }

    @Test
    void showsTheExactSwitchedToNewKeyConfirmationWithTheRespondByDate() {
        PartnerMessage message = switchAsked(PartnerRole.SENDER_ADMINISTRATOR, PARTNERS_OLD);

        String expectedJson = "{\"confirmationId\":\"<your unique id>\",\"renewalId\":\"" + RENEWAL + "\","
                + "\"partnerId\":\"acme\",\"type\":\"SWITCHED_TO_NEW_KEY\",\"confirmedAt\":\"<ISO-8601 instant>\"}";
        assertThat(message.expectedConfirmation().example()).isEqualTo(expectedJson);
        assertThat(message.expectedConfirmation().respondBy()).isEqualTo(RESPOND_BY);
        assertThat(render(message).text()).contains("\n" + expectedJson + "\n")
                .contains("By when: Respond by 2026-11-29T10:00:00Z");
        assertThat(ContractJson.read(expectedJson.replace("<your unique id>", "acme-2")
                .replace("<ISO-8601 instant>", "2026-11-24T08:00:00Z"), PartnerConfirmation.class))
                .isEqualTo(new PartnerConfirmation("acme-2", RENEWAL, PARTNER, ConfirmationType.SWITCHED_TO_NEW_KEY,
                        Instant.parse("2026-11-24T08:00:00Z")));
    }

    @Test
    void asksThePartnerWhoseSignaturesTheTenantVerifiesToSignWithItsNewKey() {
        PartnerMessage message = switchAsked(PartnerRole.SENDER_ADMINISTRATOR, PARTNERS_OLD);

        assertThat(render(message).text())
                .contains("Your previous certificate stays accepted beside it for now.")
                .contains("check that the certificate above is yours; if it is not, do not go on")
                .contains("2. sign the messages you send to the tenant with your new key, the one whose certificate"
                        + " the tenant imported now,")
                .contains("confirm SWITCHED_TO_NEW_KEY as shown below");
        // the test certificate's names say "decryptor": what the message itself says
        assertThat(message.values().get("whatHappened") + message.values().get("whatToDo"))
                .doesNotContainIgnoringCase("decrypt").doesNotContainIgnoringCase("encrypt");
        assertThat(render(requested(verifying(PartnerRole.SENDER_ADMINISTRATOR))).text())
                .contains("(renewal id " + RENEWAL + "): it verifies your signatures with it.")
                .doesNotContainIgnoringCase("encrypt");
    }

    @Test
    void tellsThePartnerWhomTheTenantEncryptsToThatItEncryptsToItsCertificateAndAsksForBothKeysAtOnce() {
        // playbooks 8 (the sender) and 10 (the receiver): no downtime, the partner decrypts with both keys meanwhile
        RenderedMessage toTheSender = render(requested(encrypting(PartnerRole.SENDER_ADMINISTRATOR)));
        RenderedMessage toTheReceiver = render(requested(encrypting(PartnerRole.RECEIVER_ADMINISTRATOR)));

        assertThat(toTheSender.text())
                .contains("renews your certificate that it uses under the alias \"partner-signer\" (renewal id "
                        + RENEWAL + "): it encrypts the messages it sends you to it.")
                .contains("create a new key pair in your sender system and configure it to decrypt with the new key"
                        + " AND with your old key (both at once)")
                .contains("keep your old key for now: the tenant tells you when you may remove it")
                .contains("in a NEW_CERTIFICATE confirmation as shown below").contains("never send a private key")
                .doesNotContain("verifies your signatures").doesNotContain("switch")
                .doesNotContain("in place of your old key");
        assertThat(toTheReceiver.text()).contains("create a new key pair in your receiver system and configure it to"
                + " decrypt with the new key AND with your old key").doesNotContain("sender system");
    }

    @Test
    void asksThePartnerToSwapItsKeyAtOnceWhenADowntimeStopsTheTraffic() {
        // playbook 9: the sender stopped sending; playbook 11: the tenant undeployed its integration flow
        String toTheSender = render(requested(encrypting(PartnerRole.SENDER_ADMINISTRATOR)
                .withDowntimeUntil(WINDOW_END))).text();
        String toTheReceiver = render(requested(encrypting(PartnerRole.RECEIVER_ADMINISTRATOR)
                .withDowntimeUntil(WINDOW_END))).text();

        assertThat(toTheSender)
                .contains("it encrypts the messages it sends you to it.")
                .contains("No messages flow between you and the tenant now (the agreed downtime), so your sender"
                        + " system changes keys at once.")
                .contains("create a new key pair in your sender system and decrypt with it from now on, in place of"
                        + " your old key,")
                .contains("in a NEW_CERTIFICATE confirmation as shown below")
                .contains("Do not send messages until the tenant tells you to resume.")
                .doesNotContain("both at once").doesNotContain("keep using your old key");
        assertThat(toTheReceiver)
                .contains("so your receiver system changes keys at once")
                .contains("The tenant sends you nothing until the integration flow that uses the alias is"
                        + " redeployed; you are told then.")
                .doesNotContain("Do not send messages").doesNotContain("both at once");
    }

    @Test
    void tellsThePartnerWhomTheTenantEncryptsToThatItDoesSoToTheImportedCertificateAndToRemoveItsOldKey() {
        // playbooks 8 and 10: SWITCHED_TO_NEW_KEY is the partner decrypting with its new key only
        PartnerMessage message = messages.imported(encrypting(PartnerRole.RECEIVER_ADMINISTRATOR),
                imported(PartnerRole.RECEIVER_ADMINISTRATOR, PARTNERS_OLD, ConfirmationType.SWITCHED_TO_NEW_KEY,
                        PartnerCertificateUse.ENCRYPT_TO_PARTNER, null));
        RenderedMessage rendered = render(message);

        assertThat(message.expectedConfirmation().type()).isEqualTo(ConfirmationType.SWITCHED_TO_NEW_KEY);
        assertThat(rendered.subject()).isEqualTo("Action required: your new certificate is imported, confirm"
                + " SWITCHED_TO_NEW_KEY for alias partner-signer (renewal " + RENEWAL + ")");
        assertThat(rendered.text())
                .contains("From now on the tenant encrypts the messages it sends you to your new certificate.")
                .contains("2. decrypt the messages the tenant sends you with your new key only and remove your old"
                        + " key now,")
                .contains("3. confirm SWITCHED_TO_NEW_KEY as shown below.")
                .doesNotContain("sign the messages").doesNotContain("stays accepted").doesNotContain("switch your");
    }

    @Test
    void asksTheSenderToResumeOnceItsNewCertificateIsImportedAndSaysUntilWhenThePreviousOneIsKept() {
        // playbook 9: the retention of the previous certificate starts at the import
        PartnerMessage message = messages.imported(encrypting(PartnerRole.SENDER_ADMINISTRATOR)
                .withDowntimeUntil(WINDOW_END), imported(PartnerRole.SENDER_ADMINISTRATOR, PARTNERS_OLD,
                ConfirmationType.SENDING_RESUMED, PartnerCertificateUse.ENCRYPT_TO_PARTNER, RETAIN_PREVIOUS_UNTIL));
        RenderedMessage rendered = render(message);

        assertThat(message.expectedConfirmation().type()).isEqualTo(ConfirmationType.SENDING_RESUMED);
        assertThat(rendered.subject()).startsWith("Action required: your new certificate is imported, confirm"
                + " SENDING_RESUMED");
        assertThat(rendered.text())
                .contains("From now on the tenant encrypts the messages it sends you to your new certificate. It no"
                        + " longer uses your previous certificate and removes it from its keystore after "
                        + RETAIN_PREVIOUS_UNTIL + ".")
                .contains("2. start sending messages to the tenant again now,")
                .contains("3. confirm SENDING_RESUMED as shown below.")
                .contains("\"type\":\"SENDING_RESUMED\"")
                .doesNotContain("SWITCHED_TO_NEW_KEY").doesNotContain("switch").doesNotContain("remove your old key");
    }

    @Test
    void asksNothingWhenTheImportAwaitsNoConfirmationAndSaysTheTenantRedeploysItsFlowNext() {
        // playbook 11: the tenant redeploys its integration flow next, nothing is asked of the receiver
        PartnerMessage message = messages.imported(encrypting(PartnerRole.RECEIVER_ADMINISTRATOR)
                .withDowntimeUntil(WINDOW_END), imported(PartnerRole.RECEIVER_ADMINISTRATOR, PARTNERS_OLD, null,
                PartnerCertificateUse.ENCRYPT_TO_PARTNER, RETAIN_PREVIOUS_UNTIL));
        RenderedMessage rendered = render(message);

        assertThat(message.expectedConfirmation()).isNull();
        assertThat(rendered.subject()).isEqualTo("Your new certificate is imported, nothing to confirm for alias"
                + " partner-signer (renewal " + RENEWAL + ")");
        assertThat(rendered.text())
                .contains(PARTNERS_NEW.sha256().value())
                .contains("From now on the tenant encrypts the messages it sends you to your new certificate.")
                .contains("Nothing to confirm: the tenant's integration developer redeploys the integration flow that"
                        + " uses the alias next, and you are told when the tenant sends you messages again.")
                .contains("If the certificate above is not yours, contact the tenant administrator at once.")
                .doesNotContain("How to confirm").doesNotContain("By when").doesNotContain("SWITCHED_TO_NEW_KEY")
                .doesNotContain("switch");
        assertThat(rendered.html()).doesNotContain("How to confirm").doesNotContain("{{");
    }

    private PartnerMessage requested(KnownRenewal renewal) {
        return messages.requested(renewal, requested(renewal.recipient(), RESPOND_BY,
                renewal.partnerCertificateUse()));
    }

    private PartnerMessage switchAsked(PartnerRole recipient, CertificateRef previous) {
        return messages.imported(verifying(recipient), imported(recipient, previous,
                ConfirmationType.SWITCHED_TO_NEW_KEY, null, null));
    }

    private static KnownRenewal verifying(PartnerRole recipient) {
        return new KnownRenewal(RENEWAL, PARTNER, "partner-signer", PLAYBOOK, recipient,
                RenewedKey.PARTNER_CERTIFICATE, PartnerCertificateUse.VERIFY_SIGNATURES);
    }

    private static KnownRenewal encrypting(PartnerRole recipient) {
        return new KnownRenewal(RENEWAL, PARTNER, "partner-signer", PLAYBOOK, recipient,
                RenewedKey.PARTNER_CERTIFICATE, PartnerCertificateUse.ENCRYPT_TO_PARTNER);
    }

    private static PartnerCertificateImported imported(PartnerRole recipient, CertificateRef previous,
                                                       ConfirmationType awaited, PartnerCertificateUse use,
                                                       Instant retainPreviousUntil) {
        return new PartnerCertificateImported(RENEWAL, "partner-signer", PARTNER, recipient, PLAYBOOK,
                PARTNERS_NEW.ref(), previous, AT, RESPOND_BY, awaited, use, retainPreviousUntil);
    }

    private static PartnerCertificateRequested requested(PartnerRole recipient, Instant respondBy,
                                                         PartnerCertificateUse use) {
        return new PartnerCertificateRequested(RENEWAL, "partner-signer", PARTNER, recipient, PLAYBOOK, AT, respondBy,
                ConfirmationType.NEW_CERTIFICATE, use);
    }

    private static RenderedMessage render(PartnerMessage message) {
        return Rendering.render(new KnownRenewal(RENEWAL, PARTNER, "partner-signer", PLAYBOOK, message.recipient()),
                message);
    }
}
