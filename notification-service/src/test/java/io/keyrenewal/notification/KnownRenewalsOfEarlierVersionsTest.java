package io.keyrenewal.notification;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.notification.renewal.KnownRenewal;
import io.keyrenewal.notification.renewal.RenewedKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Renewals an instance of an earlier version remembered (a rolling upgrade), read as their playbooks had them. */
class KnownRenewalsOfEarlierVersionsTest extends NotificationServiceContext {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void readsARenewalRememberedWithoutItsRecipientAsItsPlaybookHadIt() {
        // as an instance of the version before V2 writes it during a rolling upgrade
        RenewalId decrypting = new RenewalId("renewal-" + UUID.randomUUID());
        RenewalId signing = new RenewalId("renewal-" + UUID.randomUUID());
        for (Object[] row : List.of(new Object[]{decrypting.value(), Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE},
                new Object[]{signing.value(), Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME})) {
            jdbc.update("INSERT INTO known_renewal (renewal_id, partner_id, alias, playbook, started_at)"
                    + " VALUES (?, ?, 'alias', ?, CURRENT_TIMESTAMP)", row[0], partnerId.value(), row[1].toString());
        }

        assertThat(knownRenewals.find(decrypting)).get().extracting(KnownRenewal::recipient)
                .isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);
        assertThat(knownRenewals.find(signing)).get().extracting(KnownRenewal::recipient)
                .isEqualTo(PartnerRole.SENDER_ADMINISTRATOR);
    }

    @Test
    void readsARenewalRememberedWithoutWhatItRenewsAsARenewalOfTheTenantsKeyPair() {
        // as an instance of the version before V3 writes it during a rolling upgrade
        jdbc.update("INSERT INTO known_renewal (renewal_id, partner_id, alias, playbook, recipient, started_at)"
                        + " VALUES (?, ?, 'signer', ?, ?, CURRENT_TIMESTAMP)", renewalId.value(), partnerId.value(),
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH.name(), PartnerRole.SENDER_ADMINISTRATOR.name());

        assertThat(knownRenewals.find(renewalId)).get().extracting(KnownRenewal::renewedKey)
                .isEqualTo(RenewedKey.TENANT_KEY_PAIR);
    }

    @Test
    void readsARenewalOfThePartnersCertificateRememberedWithoutItsUseAsOneTheTenantVerifiesWith() {
        // as an instance of the version before V4 writes it during a rolling upgrade
        jdbc.update("INSERT INTO known_renewal (renewal_id, partner_id, alias, playbook, recipient, renewed_key,"
                        + " started_at) VALUES (?, ?, 'partner-signer', ?, ?, ?, CURRENT_TIMESTAMP)",
                renewalId.value(), partnerId.value(), Playbook.TENANT_VERIFIES_INBOUND_REQUEST.name(),
                PartnerRole.SENDER_ADMINISTRATOR.name(), RenewedKey.PARTNER_CERTIFICATE.name());

        assertThat(knownRenewals.find(renewalId)).get()
                .extracting(KnownRenewal::partnerCertificateUse, KnownRenewal::downtimeUntil,
                        KnownRenewal::keyPairExchangedAt)
                .containsExactly(PartnerCertificateUse.VERIFY_SIGNATURES, null, null);
    }
}
