package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.notification.renewal.KnownRenewal;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LaterStepMessagesTest {

    private static final RenewalId RENEWAL = new RenewalId("renewal-2");
    private static final PartnerId PARTNER = new PartnerId("acme");
    private static final KnownRenewal KNOWN = new KnownRenewal(RENEWAL, PARTNER, "decryptor",
            Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE);

    @Test
    void acceptedConfirmationSaysUntilWhenTheTenantKeepsTheOldKeyPair() {
        PartnerMessage message = new ConfirmationReceivedMessage().compose(KNOWN, new PartnerSwitchedToNewKey(
                RENEWAL, PARTNER, "acme-confirmation-1", Instant.parse("2027-02-20T10:00:00Z"),
                Instant.parse("2026-11-22T10:00:00Z")));

        assertThat(message.kind()).isEqualTo(NotificationKind.CONFIRMATION_RECEIVED);
        assertThat(message.body())
                .startsWith("Hello receiver administrator of partner acme,")
                .contains("accepted your confirmation acme-confirmation-1 for renewal renewal-2")
                .contains("keeps the old key pair until 2027-02-20T10:00:00Z")
                .contains("messages already on their way can still be decrypted");
        assertThat(message.expectedConfirmation()).isNull();
        assertThat(message.attachments()).isEmpty();
    }

    @Test
    void completedRenewalSaysTheOldKeyPairIsRemoved() {
        PartnerMessage message = new RenewalCompletedMessage().compose(KNOWN,
                new RenewalCompleted(RENEWAL, "decryptor", PARTNER, Instant.parse("2027-02-20T10:00:00Z")));

        assertThat(message.kind()).isEqualTo(NotificationKind.RENEWAL_COMPLETED);
        assertThat(message.subject()).contains("Renewal complete").contains("decryptor");
        assertThat(message.body())
                .contains("removed the old key pair of the alias \"decryptor\"")
                .contains("The renewal renewal-2 is complete");
        assertThat(message.expectedConfirmation()).isNull();
    }
}
