package io.keyrenewal.renewal.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.renewal.PartnerRefusedStep;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Who the history names as the actor of an event. */
class ActorTest {

    @Test
    void namesThePartnerOfAnAcceptedConfirmationButNotTheClaimedSenderOfARejectedOne() {
        ObjectNode accepted = ContractJson.mapper().createObjectNode()
                .put("confirmationId", "c-1").put("partnerId", "acme");
        ObjectNode rejected = ContractJson.mapper().createObjectNode()
                .put("confirmationId", "c-2").put("partnerId", "acme").put("reason", "signature of partner acme");

        assertThat(HistoryExport.actorOf("io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey", accepted))
                .isEqualTo("partner:acme");
        assertThat(HistoryExport.actorOf("io.keyrenewal.contracts.renewal.PartnerConfirmationRejected", rejected))
                .isEqualTo("system");
    }

    @Test
    void namesThePartnerWhoRefusedItsStep() {
        ObjectNode refused = ContractJson.mapper().valueToTree(new PartnerRefusedStep(new RenewalId("r-1"),
                new PartnerId("acme"), ConfirmationType.VERIFIES_BOTH, "one certificate at a time", "ONE_KEY_ONLY",
                "c-3", Instant.parse("2026-11-22T10:00:00Z")));

        assertThat(HistoryExport.actorOf(PartnerRefusedStep.class.getName(), refused)).isEqualTo("partner:acme");
    }

    @Test
    void namesTheTenantUserTheKeystoreOrTheSystem() {
        ObjectNode approved = ContractJson.mapper().createObjectNode().put("approvedBy", "tenant-admin");
        ObjectNode none = ContractJson.mapper().createObjectNode();

        assertThat(HistoryExport.actorOf("io.keyrenewal.contracts.renewal.KeyPairExchangeApproved", approved))
                .isEqualTo("tenant:tenant-admin");
        assertThat(HistoryExport.actorOf("io.keyrenewal.contracts.renewal.KeyPairExchanged", none))
                .isEqualTo("keystore");
        assertThat(HistoryExport.actorOf("io.keyrenewal.contracts.renewal.RenewalStarted", none)).isEqualTo("tenant");
        assertThat(HistoryExport.actorOf("io.keyrenewal.contracts.renewal.PartnerInformedOfExchange", none))
                .isEqualTo("system");
    }
}
