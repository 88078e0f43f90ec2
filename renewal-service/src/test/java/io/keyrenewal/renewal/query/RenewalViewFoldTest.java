package io.keyrenewal.renewal.query;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerRefusedStep;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.renewal.support.Certificates;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The read model's view of a renewal: who must act, since when, and whether it is overdue. */
class RenewalViewFoldTest {

    static final RenewalId RENEWAL = new RenewalId("r-1");
    static final PartnerId ACME = new PartnerId("acme");
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Playbook PLAYBOOK = Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH;

    @Test
    void flagsAnOverdueAndEscalatedPartnerStepWithoutMovingItsWaitingSinceAndClearsThemWhenItIsDone() {
        RenewalView view = awaitingTheSendersVerification();
        assertThat(view.getNextActor()).isEqualTo("partner");
        assertThat(view.isOverdue()).isFalse();

        RenewalViewProjection.apply(view, new PartnerStepOverdue(RENEWAL, ACME, PartnerRole.SENDER_ADMINISTRATOR,
                ConfirmationType.VERIFIES_BOTH, T0.plusSeconds(1), T0.plus(Duration.ofDays(3))));
        RenewalViewProjection.apply(view, new PartnerStepEscalated(RENEWAL, ACME, ConfirmationType.VERIFIES_BOTH,
                T0.plusSeconds(1), T0.plus(Duration.ofDays(6))));
        assertThat(view.isOverdue()).isTrue();
        assertThat(view.isEscalated()).isTrue();
        assertThat(view.getUpdatedAt()).as("waiting since").isEqualTo(T0.plusSeconds(1));
        assertThat(view.getAwaiting()).isEqualTo("PARTNER_VERIFIES_BOTH");

        RenewalViewProjection.apply(view, new PartnerVerifiesBoth(RENEWAL, ACME, "c-1", T0.plus(Duration.ofDays(7))));
        assertThat(view.isOverdue()).isFalse();
        assertThat(view.isEscalated()).isFalse();
        assertThat(view.getNextActor()).isEqualTo("tenant");
        assertThat(view.getUpdatedAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
    }

    @Test
    void showsWhoRefusedTheAwaitedStepAndWhyWhileItStaysAwaitedAndForgetsTheRefusalWhenThePartnerConfirms() {
        RenewalView view = awaitingTheSendersVerification();

        RenewalViewProjection.apply(view, new PartnerRefusedStep(RENEWAL, ACME, ConfirmationType.VERIFIES_BOTH,
                "our verifier holds one certificate per partner", "ONE_KEY_ONLY", "c-1", T0.plus(Duration.ofHours(1))));

        assertThat(view.getRefusedStep()).isEqualTo("VERIFIES_BOTH");
        assertThat(view.getRefusedBy()).isEqualTo("partner:acme");
        assertThat(view.getRefusalReason()).isEqualTo("our verifier holds one certificate per partner");
        assertThat(view.getRefusalCode()).isEqualTo("ONE_KEY_ONLY");
        assertThat(view.getRefusedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(view.getState()).isEqualTo("OPEN");
        assertThat(view.getAwaiting()).isEqualTo("PARTNER_VERIFIES_BOTH");
        assertThat(view.getNextActor()).isEqualTo("partner");
        assertThat(view.getUpdatedAt()).as("waiting since").isEqualTo(T0.plusSeconds(1));

        RenewalViewProjection.apply(view, new PartnerVerifiesBoth(RENEWAL, ACME, "c-2", T0.plus(Duration.ofDays(1))));
        assertThat(view.getRefusedStep()).isNull();
        assertThat(view.getRefusedBy()).isNull();
        assertThat(view.getRefusalReason()).isNull();
        assertThat(view.getNextActor()).isEqualTo("tenant");
    }

    /** A playbook-1 renewal whose certificate went to the sender: it awaits PARTNER_VERIFIES_BOTH. */
    private static RenewalView awaitingTheSendersVerification() {
        CertificateInfo certificate = Certificates.certificate("acme-signer", "02", T0);
        RenewalView view = new RenewalView(RENEWAL.value());
        RenewalViewProjection.apply(view, new RenewalStarted(RENEWAL, "acme-signer", ACME, PLAYBOOK,
                Duration.ofDays(1), KeyAlgorithm.EC_P256, T0));
        RenewalViewProjection.apply(view, new NewKeyPairCreated(RENEWAL, "acme-signer", certificate, null,
                T0.plusSeconds(1)));
        RenewalViewProjection.apply(view, new CertificateProvided(RENEWAL, "acme-signer", ACME,
                PartnerRole.SENDER_ADMINISTRATOR, PLAYBOOK, certificate, T0.plusSeconds(1)));
        return view;
    }
}
