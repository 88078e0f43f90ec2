package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.Attachment;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.CertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.notification.TestCertificates;
import io.keyrenewal.notification.renewal.KnownRenewal;
import io.keyrenewal.notification.template.RenderedMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateProvidedMessageTest {

    private static final CertificateInfo CERTIFICATE = TestCertificates.decryptor();
    private static final RenewalId RENEWAL = new RenewalId("7d3c2a9e-renewal-1");
    private static final PartnerId PARTNER = new PartnerId("acme");

    private final CertificateProvidedMessage template = new CertificateProvidedMessage();

    private static RenderedMessage rendered(Playbook playbook) {
        PartnerMessage message = new CertificateProvidedMessage().compose(provided(playbook));
        return Rendering.render(new KnownRenewal(RENEWAL, PARTNER, "decryptor", playbook, recipientIn(playbook)),
                message);
    }

    @Test
    void describesTheNewCertificateByFingerprintSerialIssuerAndValidity() {
        PartnerMessage message = template.compose(provided(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE));
        RenderedMessage rendered = rendered(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE);

        assertThat(message.kind()).isEqualTo(NotificationKind.CERTIFICATE_PROVIDED);
        assertThat(rendered.text())
                .contains("SHA-256 fingerprint: " + CERTIFICATE.sha256().value())
                .contains("Serial number:       " + CERTIFICATE.serialNumber())
                .contains("Issuer:              " + CERTIFICATE.issuer())
                .contains("Valid from:          2026-01-01T00:00:00Z")
                .contains("Valid until:         2028-01-01T00:00:00Z")
                .contains("new key pair for the alias \"decryptor\" (renewal id " + RENEWAL + ")");
        assertThat(rendered.subject()).contains("decryptor").contains(RENEWAL.value());
        assertThat(rendered.html()).contains("<code>" + CERTIFICATE.sha256().value() + "</code>");
    }

    @Test
    void tellsTheReceiverOfPlaybookThreeToEncryptWithTheNewCertificateAndRemoveTheOldOne() {
        assertThat(rendered(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE).text())
                .startsWith("Hello receiver administrator of partner acme,")
                .contains("configure your receiver system to encrypt the payloads it sends to the tenant with the")
                .contains("attached certificate from now on")
                .contains("remove the old certificate of the tenant");
    }

    @Test
    void showsTheExactConfirmationToPublishWithTheRenewalIdAsRecordKey() {
        PartnerMessage message = template.compose(provided(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE));

        String expectedJson = "{\"confirmationId\":\"<your unique id>\",\"renewalId\":\"7d3c2a9e-renewal-1\","
                + "\"partnerId\":\"acme\",\"type\":\"SWITCHED_TO_NEW_KEY\",\"confirmedAt\":\"<ISO-8601 instant>\"}";
        assertThat(rendered(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE).text())
                .contains("publish this JSON on the Kafka topic renewal.partner-confirmations.v1 with the record key "
                        + RENEWAL)
                .contains("\n" + expectedJson + "\n");
        assertThat(message.expectedConfirmation().topic()).isEqualTo(Topics.PARTNER_CONFIRMATIONS);
        assertThat(message.expectedConfirmation().type()).isEqualTo(ConfirmationType.SWITCHED_TO_NEW_KEY);
        assertThat(message.expectedConfirmation().example()).isEqualTo(expectedJson);
    }

    @Test
    void theConfirmationExampleIsAValidPartnerConfirmationOnceThePlaceholdersAreFilledIn() {
        String example = template.compose(provided(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE))
                .expectedConfirmation().example();

        PartnerConfirmation confirmation = ContractJson.read(example
                .replace("<your unique id>", "acme-confirmation-1")
                .replace("<ISO-8601 instant>", "2026-11-23T09:30:00Z"), PartnerConfirmation.class);

        assertThat(confirmation).isEqualTo(new PartnerConfirmation("acme-confirmation-1", RENEWAL, PARTNER,
                ConfirmationType.SWITCHED_TO_NEW_KEY, Instant.parse("2026-11-23T09:30:00Z")));
    }

    @Test
    void attachesTheCertificatePemNamedAfterAliasAndSerial() {
        PartnerMessage message = template.compose(provided(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE));

        assertThat(message.attachments()).containsExactly(new Attachment(
                "decryptor-" + CERTIFICATE.serialNumber() + ".pem", "application/x-pem-file", CERTIFICATE.pem()));
        assertThat(rendered(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE).text())
                .contains("attached as decryptor-3b1f64dddfc20bac.pem");
    }

    @Test
    void asksTheSenderOfPlaybookOneToVerifyBothKeysAndToConfirmVerifiesBoth() {
        PartnerMessage message = template.compose(provided(Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH));

        assertThat(message.recipient()).isEqualTo(PartnerRole.SENDER_ADMINISTRATOR);
        assertThat(message.expectedConfirmation().type()).isEqualTo(ConfirmationType.VERIFIES_BOTH);
        assertThat(rendered(Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH).text())
                .startsWith("Hello sender administrator of partner acme,")
                .contains("verify the payloads the tenant signs with the old key AND")
                .contains("keep the old certificate for now")
                .contains("\"type\":\"VERIFIES_BOTH\"");
    }

    @Test
    void tellsTheSenderOfPlaybookTwoToExchangeOnlyAtTheDowntimeProposedNextAndAsksNoConfirmationYet() {
        PartnerMessage message = template.compose(provided(Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME));

        assertThat(message.expectedConfirmation()).isNull();
        assertThat(message.attachments()).hasSize(1);
        assertThat(rendered(Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME).text())
                .contains("do NOT")
                .contains("wait for the tenant's proposal of a downtime window")
                .contains(CERTIFICATE.sha256().value())
                .doesNotContain("renewal.partner-confirmations.v1")
                .doesNotContain("By when");
    }

    @Test
    void asksForTheConfirmationTheRenewalAwaitsAsTheEventSaysNotAsThePlaybooksNameSuggests() {
        CertificateProvided provided = provided(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE);
        PartnerMessage message = template.compose(new CertificateProvided(provided.renewalId(), provided.alias(),
                provided.partnerId(), provided.recipient(), provided.playbook(), provided.certificate(),
                provided.at(), null, ConfirmationType.VERIFIES_BOTH));

        assertThat(message.expectedConfirmation().type()).isEqualTo(ConfirmationType.VERIFIES_BOTH);
    }

    @Test
    void tellsWhatToDoWithTheCertificateAsTheEventSaysNotAsThePlaybooksNameSuggests() {
        CertificateProvided provided = provided(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE);
        PartnerMessage message = template.compose(new CertificateProvided(provided.renewalId(), provided.alias(),
                provided.partnerId(), provided.recipient(), provided.playbook(), provided.certificate(),
                provided.at(), null, null, CertificateUse.EXCHANGE_AT_DOWNTIME));

        assertThat(Rendering.render(new KnownRenewal(RENEWAL, PARTNER, "decryptor", provided.playbook(),
                provided.recipient()), message).text()).contains("wait for the tenant's proposal of a downtime window")
                .doesNotContain("encrypt the payloads it sends to the tenant");
    }

    @Test
    void tellsWhatToDoForAPlaybookWithoutATextOfItsOwnFromWhatTheRenewalAwaits() {
        assertThat(CertificateProvidedMessage.instruction(null, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.SWITCHED_TO_NEW_KEY))
                .contains("configure your system with the attached certificate")
                .contains("then confirm SWITCHED_TO_NEW_KEY as shown below");
        assertThat(CertificateProvidedMessage.instruction(null, PartnerRole.SENDER_ADMINISTRATOR, null)).contains("keep the attached certificate");
    }

    @Test
    void namesTheRecipientsOwnSystemWhateverThePlaybook() {
        CertificateProvided toTheSender = new CertificateProvided(RENEWAL, "decryptor", PARTNER,
                PartnerRole.SENDER_ADMINISTRATOR, Playbook.TENANT_DECRYPTS_INBOUND_REQUEST, CERTIFICATE,
                Instant.parse("2026-11-22T10:00:00Z"), null, ConfirmationType.SWITCHED_TO_NEW_KEY,
                CertificateUse.ENCRYPT_WITH_NEW);
        assertThat(Rendering.render(new KnownRenewal(RENEWAL, PARTNER, "decryptor", toTheSender.playbook(),
                toTheSender.recipient()), template.compose(toTheSender)).text())
                .startsWith("Hello sender administrator of partner acme,")
                .contains("configure your sender system to encrypt the payloads it sends to the tenant")
                .contains("remove the old certificate of the tenant from your sender system")
                .doesNotContain("receiver system");

        CertificateProvided toTheReceiver = new CertificateProvided(RENEWAL, "signer", PARTNER,
                PartnerRole.RECEIVER_ADMINISTRATOR, Playbook.TENANT_SIGNS_OUTBOUND_REQUEST_VERIFY_BOTH, CERTIFICATE,
                Instant.parse("2026-11-22T10:00:00Z"), null, ConfirmationType.VERIFIES_BOTH,
                CertificateUse.VERIFY_WITH_BOTH);
        assertThat(Rendering.render(new KnownRenewal(RENEWAL, PARTNER, "signer", toTheReceiver.playbook(),
                toTheReceiver.recipient()), template.compose(toTheReceiver)).text())
                .startsWith("Hello receiver administrator of partner acme,")
                .contains("configure your receiver system to verify the payloads the tenant signs with the old key")
                .doesNotContain("sender system").doesNotContain("responses");
    }

    @Test
    void tellsAReceiverThatExchangesAtTheDowntimeThatTheTenantUndeploysItsFlowAndExchangesItsKeyPairFirst() {
        // playbook 12: the tenant signs the requests it sends the receiver, which verifies one key at a time
        CertificateProvided toTheReceiver = new CertificateProvided(RENEWAL, "signer", PARTNER,
                PartnerRole.RECEIVER_ADMINISTRATOR, Playbook.TENANT_SIGNS_OUTBOUND_REQUEST_WITH_DOWNTIME,
                CERTIFICATE, Instant.parse("2026-11-22T10:00:00Z"), null, null, CertificateUse.EXCHANGE_AT_DOWNTIME);
        PartnerMessage message = template.compose(toTheReceiver);

        assertThat(message.expectedConfirmation()).isNull();
        assertThat(Rendering.render(new KnownRenewal(RENEWAL, PARTNER, "signer", toTheReceiver.playbook(),
                toTheReceiver.recipient()), message).text())
                .startsWith("Hello receiver administrator of partner acme,")
                .contains("Your receiver system verifies one key at a time, so the certificate is exchanged during an"
                        + " agreed downtime, in which the tenant sends you nothing.")
                .contains("do NOT\n     configure it yet")
                .contains("at the downtime the tenant's integration developer undeploys the integration flow that"
                        + " uses the\n     alias and the tenant exchanges its key pair; exchange the certificate in"
                        + " your receiver system when the\n     tenant asks you to")
                .doesNotContain("renewal.partner-confirmations.v1").doesNotContain("By when")
                .doesNotContain("sender system");
        assertThat(rendered(Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME).text())
                .as("the sender, which stops sending itself").doesNotContain("undeploy");
    }

    @Test
    void carriesTheRenewalsRespondByDateInTheExpectedConfirmationAndTheText() {
        Instant respondBy = Instant.parse("2026-11-25T10:00:00Z");
        CertificateProvided provided = provided(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE);
        PartnerMessage message = template.compose(new CertificateProvided(provided.renewalId(), provided.alias(),
                provided.partnerId(), provided.recipient(), provided.playbook(), provided.certificate(),
                provided.at(), respondBy));
        RenderedMessage rendered = Rendering.render(new KnownRenewal(RENEWAL, PARTNER, "decryptor",
                Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, PartnerRole.RECEIVER_ADMINISTRATOR), message);

        assertThat(message.expectedConfirmation().respondBy()).isEqualTo(respondBy);
        assertThat(rendered.text()).contains("By when: Respond by 2026-11-25T10:00:00Z: after that the step counts"
                + " as overdue and you are reminded.");
        assertThat(template.compose(provided).expectedConfirmation().respondBy()).as("recorded before").isNull();
        assertThat(rendered(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE).text())
                .contains("By when: As soon as you can: the renewal waits for your confirmation.");
    }

    private static CertificateProvided provided(Playbook playbook) {
        return new CertificateProvided(RENEWAL, "decryptor", PARTNER, recipientIn(playbook), playbook, CERTIFICATE,
                Instant.parse("2026-11-22T10:00:00Z"));
    }

    /** The partner administrator of the three playbooks (the renewal's events name it). */
    private static PartnerRole recipientIn(Playbook playbook) {
        return playbook == Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE ? PartnerRole.RECEIVER_ADMINISTRATOR
                : PartnerRole.SENDER_ADMINISTRATOR;
    }
}
