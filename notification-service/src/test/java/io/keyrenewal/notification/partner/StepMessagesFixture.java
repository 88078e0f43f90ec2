package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.notification.TestCertificates;
import io.keyrenewal.notification.renewal.KnownRenewal;
import io.keyrenewal.notification.renewal.RenewedKey;
import io.keyrenewal.notification.template.RenderedMessage;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link StepMessages} tells whom of an event, rendered with the shipped templates and checked for what every
 * message must hold; the renewals the step message tests tell of, one per playbook family.
 */
abstract class StepMessagesFixture {

    static final RenewalId RENEWAL = new RenewalId("renewal-2");
    static final PartnerId PARTNER = new PartnerId("acme");
    static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    static final Instant WINDOW_START = Instant.parse("2026-11-29T22:00:00Z");
    static final Instant WINDOW_END = Instant.parse("2026-11-29T23:00:00Z");
    static final KnownRenewal PLAYBOOK_1 = new KnownRenewal(RENEWAL, PARTNER, "signer",
            Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, PartnerRole.SENDER_ADMINISTRATOR);
    static final KnownRenewal PLAYBOOK_2 = new KnownRenewal(RENEWAL, PARTNER, "signer",
            Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME, PartnerRole.SENDER_ADMINISTRATOR);
    static final KnownRenewal PLAYBOOK_3 = new KnownRenewal(RENEWAL, PARTNER, "decryptor",
            Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, PartnerRole.RECEIVER_ADMINISTRATOR);
    /** A renewal of the partner's certificate, as its events said: its messages read them, not the playbook. */
    static final KnownRenewal PARTNER_CERTIFICATE = new KnownRenewal(RENEWAL, PARTNER, "partner-signer",
            Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, PartnerRole.SENDER_ADMINISTRATOR,
            RenewedKey.PARTNER_CERTIFICATE);
    static final CertificateInfo PARTNERS_NEW = TestCertificates.decryptor();
    static final CertificateRef NEW = new CertificateRef(new Fingerprint("ab".repeat(32)), "CN=tenant",
            "0a1b");

    final StepMessages messages = new StepMessages(new CertificateProvidedMessage(), new DowntimeMessages(),
            new ExchangeMessage(), new ConfirmationReceivedMessages(), new OverdueStepMessages(),
            new RenewalEndMessages(), new KeystoreFailureMessage(), new StepRefusedMessage(),
            new PartnerCertificateMessages(), new IntegrationFlowMessages());

    /** A renewal of the partner's certificate that the tenant encrypts to, as its start said it. */
    static KnownRenewal encrypting(PartnerRole recipient, Playbook playbook) {
        return new KnownRenewal(RENEWAL, PARTNER, "partner-decryptor", playbook, recipient,
                RenewedKey.PARTNER_CERTIFICATE, PartnerCertificateUse.ENCRYPT_TO_PARTNER);
    }

    Told tell(KnownRenewal renewal, RenewalEvent event) {
        assertThat(messages.tellsSomeone(event)).isTrue();
        List<PartnerMessage> told = messages.of(renewal, event);
        assertThat(told).hasSize(1);
        RenderedMessage rendered = Rendering.render(renewal, told.get(0));
        assertThat(rendered.text() + rendered.html() + rendered.subject()).doesNotContain("{{");
        return new Told(told.get(0), rendered);
    }

    record Told(PartnerMessage message, RenderedMessage rendered) {

        Told is(NotificationKind kind, PartnerRole recipient, ConfirmationType confirmation) {
            assertThat(message.kind()).isEqualTo(kind);
            assertThat(message.recipient()).isEqualTo(recipient);
            if (confirmation == null) {
                assertThat(message.expectedConfirmation()).isNull();
                assertThat(rendered.text()).doesNotContain("How to confirm");
            } else {
                assertThat(message.expectedConfirmation().type()).isEqualTo(confirmation);
                assertThat(rendered.text()).contains("How to confirm: publish this JSON on the Kafka topic "
                        + "renewal.partner-confirmations.v1 with the record key renewal-2");
                PartnerConfirmation filledIn = ContractJson.read(message.expectedConfirmation().example()
                        .replace("<your unique id>", "c-1").replace("<ISO-8601 instant>", AT.toString())
                        .replace("\"<PEM of your new certificate>\"", ContractJson.write(PARTNERS_NEW.pem())),
                        PartnerConfirmation.class);
                assertThat(filledIn.type()).isEqualTo(confirmation);
                assertThat(filledIn.renewalId()).isEqualTo(RENEWAL);
                assertThat(filledIn.certificate()).isEqualTo(confirmation == ConfirmationType.NEW_CERTIFICATE
                        ? PARTNERS_NEW.pem() : null);
            }
            return this;
        }
    }
}
