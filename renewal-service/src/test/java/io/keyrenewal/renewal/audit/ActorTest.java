package io.keyrenewal.renewal.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyrenewal.contracts.ContractJson;
import org.junit.jupiter.api.Test;

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
