package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.contracts.renewal.PartnerCertificateImported;
import io.keyrenewal.contracts.renewal.PartnerCertificateRequested;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.notification.TestCertificates;
import io.keyrenewal.notification.renewal.KnownRenewal;
import io.keyrenewal.notification.template.RenderedMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PartnerCertificateMessagesTest {

    private static final RenewalId RENEWAL = new RenewalId("5e1f0c4b-renewal-7");
    private static final PartnerId PARTNER = new PartnerId("acme");
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant RESPOND_BY = Instant.parse("2026-11-29T10:00:00Z");
    /** The catalogue names no playbook of a partner's certificate yet: the messages read the events, not it. */
    private static final Playbook PLAYBOOK = Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH;
    private static final CertificateInfo PARTNERS_NEW = TestCertificates.decryptor();
    private static final CertificateRef PARTNERS_OLD = new CertificateRef(new Fingerprint("cd".repeat(32)),
            "CN=acme old CA", "01ff");

    private final PartnerCertificateMessages messages = new PartnerCertificateMessages();

    @Test
    void asksTheSenderToCreateANewKeyPairInItsSystemKeepUsingTheOldKeyAndPublishOnlyTheCertificate() {
        PartnerMessage message = messages.requested(requested(PartnerRole.SENDER_ADMINISTRATOR, RESPOND_BY));
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
        assertThat(render(messages.requested(requested(PartnerRole.RECEIVER_ADMINISTRATOR, RESPOND_BY))).text())
                .startsWith("Hello receiver administrator of partner acme,")
                .contains("create a new key pair in your receiver system")
                .doesNotContain("sender system");
    }

    @Test
    void showsTheExactNewCertificateConfirmationWithAPlaceholderForTheCertificate() {
        PartnerMessage message = messages.requested(requested(PartnerRole.SENDER_ADMINISTRATOR, RESPOND_BY));

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
        String example = messages.requested(requested(PartnerRole.SENDER_ADMINISTRATOR, RESPOND_BY))
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
        PartnerMessage message = messages.requested(requested(PartnerRole.SENDER_ADMINISTRATOR, RESPOND_BY));

        assertThat(message.expectedConfirmation().respondBy()).isEqualTo(RESPOND_BY);
        assertThat(render(message).text()).contains("By when: Respond by 2026-11-29T10:00:00Z: after that the step"
                + " counts as overdue and you are reminded.");
        assertThat(render(messages.requested(requested(PartnerRole.SENDER_ADMINISTRATOR, null))).text())
                .contains("By when: As soon as you can: the renewal waits for your certificate.");
    }

    @Test
    void echoesTheImportedCertificateSoThePartnerCanCheckItIsItsOwnAndSaysThePreviousOneStaysAccepted() {
        PartnerMessage message = messages.imported(imported(PartnerRole.RECEIVER_ADMINISTRATOR, PARTNERS_OLD));
        RenderedMessage rendered = render(message);

        assertThat(message.kind()).isEqualTo(NotificationKind.PARTNER_CERTIFICATE_IMPORTED);
        assertThat(message.recipient()).isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);
        assertThat(rendered.subject()).isEqualTo("Action required: switch to your new key for alias partner-signer"
                + " (renewal " + RENEWAL + ")");
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
    void asksToSwitchTheRecipientsSystemToTheNewKeyWithoutSayingWhetherItSignsOrDecrypts() {
        PartnerMessage message = messages.imported(imported(PartnerRole.SENDER_ADMINISTRATOR, PARTNERS_OLD));

        assertThat(render(message).text())
                .contains("check that the certificate above is yours; if it is not, do not switch")
                .contains("switch your sender system to use your new key now")
                .contains("confirm SWITCHED_TO_NEW_KEY as shown below")
                .doesNotContain("receiver system");
        // the test certificate's names say "decryptor": what the message itself says
        assertThat(message.values().get("whatHappened") + message.values().get("whatToDo"))
                .doesNotContainIgnoringCase("sign ").doesNotContainIgnoringCase("signing")
                .doesNotContainIgnoringCase("decrypt").doesNotContainIgnoringCase("encrypt");
    }

    @Test
    void leavesThePreviousCertificateOutWhenTheKeystoreReplacedNone() {
        RenderedMessage rendered = render(messages.imported(imported(PartnerRole.SENDER_ADMINISTRATOR, null)));

        assertThat(rendered.text()).contains(PARTNERS_NEW.sha256().value()).doesNotContain("previous");
        assertThat(rendered.html()).doesNotContain("previous").doesNotContain("{{");
    }

    @Test
    void showsTheExactSwitchedToNewKeyConfirmationWithTheRespondByDate() {
        PartnerMessage message = messages.imported(imported(PartnerRole.SENDER_ADMINISTRATOR, PARTNERS_OLD));

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
    void asksForTheSwitchWhenTheEventNamesNoConfirmation() {
        PartnerCertificateImported event = imported(PartnerRole.SENDER_ADMINISTRATOR, PARTNERS_OLD);
        PartnerMessage message = messages.imported(new PartnerCertificateImported(event.renewalId(), event.alias(),
                event.partnerId(), event.recipient(), event.playbook(), event.imported(), event.previous(),
                event.at(), null, null));

        assertThat(message.expectedConfirmation().type()).isEqualTo(ConfirmationType.SWITCHED_TO_NEW_KEY);
        assertThat(render(message).text()).contains("By when: As soon as you can");
    }

    private static PartnerCertificateImported imported(PartnerRole recipient, CertificateRef previous) {
        return new PartnerCertificateImported(RENEWAL, "partner-signer", PARTNER, recipient, PLAYBOOK,
                PARTNERS_NEW.ref(), previous, AT, RESPOND_BY, ConfirmationType.SWITCHED_TO_NEW_KEY);
    }

    private static PartnerCertificateRequested requested(PartnerRole recipient, Instant respondBy) {
        return new PartnerCertificateRequested(RENEWAL, "partner-signer", PARTNER, recipient, PLAYBOOK, AT, respondBy,
                ConfirmationType.NEW_CERTIFICATE);
    }

    private static RenderedMessage render(PartnerMessage message) {
        return Rendering.render(new KnownRenewal(RENEWAL, PARTNER, "partner-signer", PLAYBOOK, message.recipient()),
                message);
    }
}
