package io.keyrenewal.renewal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.policy.PolicyDefinition;
import io.keyrenewal.contracts.policy.PolicyScope;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.partner.PartnerChannels;
import io.keyrenewal.contracts.partner.PartnerContact;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.renewal.partner.PartnerCommands;
import io.keyrenewal.renewal.playbook.Commands;
import io.keyrenewal.renewal.policy.PolicyCommands;
import io.keyrenewal.renewal.query.RenewalView;
import io.keyrenewal.renewal.query.RenewalViewRepository;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.SharedServiceContext;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replaying the event store into empty read models (renewal views, partner directory, renewal policies) gives exactly
 * the live ones, and the views its scripted renewals' events call for, written out here by hand.
 */
class ReadModelRebuildTest extends SharedServiceContext {

    /** Partners of its own: the shared context's directory holds others' (acme, globex, the seeded initech). */
    static final String GLOBEX = "rebuild-globex";
    static final String INITECH = "rebuild-initech";

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    RenewalViewRepository views;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void rebuildsAnEmptiedReadModelEqualToTheLiveOneWithProgressAndFoldsAnAlteredViewAfresh()
            throws Exception {
        long viewsBefore = views.count();
        long eventsBefore = storedEvents();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // as the database keeps it
        List<RenewalId> renewals = Stream.generate(RenewalId::random).limit(5).toList();
        for (int i = 0; i < 5; i++) {
            commands.sendAndWait(new Commands.StartRenewal(renewals.get(i), "rebuild-" + i, new PartnerId("acme"),
                    i % 2 == 0 ? Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE
                            : Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH,
                    Duration.ofDays(30), KeyAlgorithm.EC_P256, now));
        }
        for (int i = 1; i < 5; i++) {
            commands.sendAndWait(new Commands.RecordKeyPairGenerated(renewals.get(i), "r-" + i,
                    Certificates.certificate("rebuild-" + i, "0" + i, now), Certificates.ref("rebuild-" + i, "1" + i),
                    now));
        }
        for (int i = 3; i < 5; i++) {
            commands.sendAndWait(new Commands.ConfirmPartnerStep(renewals.get(i), "c-" + i, new PartnerId("acme"),
                    i % 2 == 0 ? ConfirmationType.SWITCHED_TO_NEW_KEY : ConfirmationType.VERIFIES_BOTH, now));
        }
        commands.sendAndWait(new PartnerCommands.RegisterPartner(new PartnerId(GLOBEX), partner(GLOBEX, true)));
        commands.sendAndWait(new PartnerCommands.ChangePartner(new PartnerId(GLOBEX), partner(GLOBEX, false)));
        commands.sendAndWait(new PartnerCommands.RegisterPartner(new PartnerId(INITECH), partner(INITECH, true)));
        long events = eventsBefore + 1 + 3 + 3 + 4 + 4 + 2 + 1;
        String live = snapshot(renewals);
        String livePartners = partners();
        assertThat(views.count()).isEqualTo(viewsBefore + 5);
        assertThat(livePartners).contains(GLOBEX, INITECH);

        jdbc.update("delete from renewal_view");
        jdbc.update("delete from partner_view");
        assertThat(views.count()).isZero();
        rebuild(events);
        assertThat(snapshot(renewals)).isEqualTo(live);
        assertThat(renewals.stream().map(this::summary).toList()).containsExactly(
                "rebuild-0 TENANT_DECRYPTS_OUTBOUND_RESPONSE OPEN | done  | awaiting KEY_PAIR_CREATED by keystore"
                        + " | last null at 0 | new null old null",
                "rebuild-1 TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH OPEN | done KEY_PAIR_CREATED,CERTIFICATE_PROVIDED"
                        + " | awaiting PARTNER_VERIFIES_BOTH by partner | last CERTIFICATE_PROVIDED at 2 | new 01 old 11",
                "rebuild-2 TENANT_DECRYPTS_OUTBOUND_RESPONSE OPEN | done KEY_PAIR_CREATED,CERTIFICATE_PROVIDED"
                        + " | awaiting PARTNER_SWITCHED_TO_NEW_KEY by partner | last CERTIFICATE_PROVIDED at 2"
                        + " | new 02 old 12",
                "rebuild-3 TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH OPEN"
                        + " | done KEY_PAIR_CREATED,CERTIFICATE_PROVIDED,PARTNER_VERIFIES_BOTH"
                        + " | awaiting EXCHANGE_APPROVED by tenant | last PARTNER_VERIFIES_BOTH at 3 | new 03 old 13",
                "rebuild-4 TENANT_DECRYPTS_OUTBOUND_RESPONSE OPEN"
                        + " | done KEY_PAIR_CREATED,CERTIFICATE_PROVIDED,PARTNER_SWITCHED_TO_NEW_KEY"
                        + " | awaiting OLD_KEY_PAIR_REMOVAL_DECIDED by system | last PARTNER_SWITCHED_TO_NEW_KEY at 3"
                        + " | new 04 old 14");
        assertThat(views.findById(renewals.get(4).value()).orElseThrow().getUpdatedAt()).isEqualTo(now);
        assertThat(views.count()).as("the others' views are rebuilt too").isEqualTo(viewsBefore + 5);
        assertThat(partners()).isEqualTo(livePartners);

        jdbc.update("update partner_view set last_sequence = 7, entry = '{\"moved\":\"on\"}'"
                + " where partner_id = ?", GLOBEX);
        rebuild(events);
        assertThat(partners()).contains("{\"moved\":\"on\"}");
        jdbc.update("delete from partner_view where partner_id = ?", GLOBEX);
        rebuild(events);
        assertThat(partners()).isEqualTo(livePartners);

        String altered = renewals.get(2).value();
        jdbc.update("update renewal_view set last_sequence = 99, alias = 'altered' where renewal_id = ?", altered);
        rebuild(events);
        assertThat(views.findById(altered).orElseThrow().getAlias()).isEqualTo("rebuild-2");
        assertThat(snapshot(renewals)).isEqualTo(live);
    }

    @Test
    void rebuildsEmptiedPoliciesEqualToTheLiveOnesARemovedOneStayingRemovedAndKeepsARowWrittenFromALaterEvent() {
        PolicyScope kept = PolicyScope.ofAlias("rebuild-policy");
        PolicyScope removed = PolicyScope.ofAlias("rebuild-policy-removed");
        PolicyScope purposeDefault = PolicyScope.ofPurpose(KeyPurpose.VERIFY_INBOUND_REQUEST);
        Instant now = Instant.now();
        commands.sendAndWait(new PolicyCommands.SetPolicy(kept, policy(KeyPurpose.SIGN_INBOUND_RESPONSE, "acme", 30),
                "operator", now));
        commands.sendAndWait(new PolicyCommands.SetPolicy(kept, policy(KeyPurpose.SIGN_INBOUND_RESPONSE, "acme", 45),
                "tenant-admin", now));
        commands.sendAndWait(new PolicyCommands.SetPolicy(removed, policy(KeyPurpose.DECRYPT_OUTBOUND_RESPONSE, "acme",
                20), "operator", now));
        commands.sendAndWait(new PolicyCommands.RemovePolicy(removed, "operator", now));
        commands.sendAndWait(new PolicyCommands.SetPolicy(purposeDefault, policy(KeyPurpose.VERIFY_INBOUND_REQUEST,
                null, 14), "operator", now));
        String live = policies(kept, removed, purposeDefault);
        assertThat(live).contains("alias:rebuild-policy in force 1 ", "\"startDaysBeforeExpiry\":45",
                "alias:rebuild-policy-removed removed 1 ", "purpose:VERIFY_INBOUND_REQUEST in force 0 ");

        jdbc.update("delete from renewal_policy_view");
        rebuild(storedEvents());
        assertThat(policies(kept, removed, purposeDefault)).isEqualTo(live);

        jdbc.update("update renewal_policy_view set last_sequence = 7, entry = '{\"moved\":\"on\"}' where scope = ?",
                kept.value());
        rebuild(storedEvents());
        assertThat(policies(kept)).isEqualTo("alias:rebuild-policy in force 7 {\"moved\":\"on\"}");
        jdbc.update("delete from renewal_policy_view where scope = ?", kept.value());
        rebuild(storedEvents());
        assertThat(policies(kept, removed, purposeDefault)).isEqualTo(live);
    }

    private static PolicyDefinition policy(KeyPurpose purpose, String partnerId, int daysBeforeExpiry) {
        return new PolicyDefinition(purpose, null, partnerId == null ? null : new PartnerId(partnerId), null, null,
                null, null, Duration.ofDays(30), null, daysBeforeExpiry, null, List.of());
    }

    /** These scopes' rows of the policy read model. */
    private String policies(PolicyScope... scopes) {
        String placeholders = String.join(", ", Collections.nCopies(scopes.length, "?"));
        return String.join("\n", jdbc.queryForList("select scope || case when removed then ' removed ' else"
                + " ' in force ' end || last_sequence || ' ' || entry from renewal_policy_view where scope in ("
                + placeholders + ") order by scope", String.class,
                (Object[]) Stream.of(scopes).map(PolicyScope::value).toArray(String[]::new)));
    }

    /** Rebuilds through the API. */
    private void rebuild(long events) {
        Http http = new Http("http://127.0.0.1:" + port);
        assertThat(http.post("/audit/rebuild", "").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode progress = ContractJson.mapper().readTree(http.get("/audit/rebuild").body());
            assertThat(progress.get("state").asText()).isEqualTo("DONE");
            assertThat(progress.get("eventsDone").asLong()).isEqualTo(progress.get("eventsTotal").asLong())
                    .isEqualTo(events);
        });
    }

    private static PartnerDirectoryEntry partner(String id, boolean verifiesBoth) {
        return new PartnerDirectoryEntry(new PartnerId(id), id + " Corp",
                List.of(new PartnerContact(PartnerRole.SENDER_ADMINISTRATOR, "Admin", "admin@" + id + ".example")),
                new PartnerChannels(true, false, null), verifiesBoth, Instant.parse("2026-11-01T00:00:00Z"),
                List.of());
    }

    /** What a renewal's view says, in a line: who, where it stands, the last event folded, the certificates. */
    private String summary(RenewalId renewal) {
        RenewalView view = views.findById(renewal.value()).orElseThrow();
        return view.getAlias() + " " + view.getPlaybook() + " " + view.getState() + " | done " + view.getDoneSteps()
                + " | awaiting " + view.getAwaiting() + " by " + view.getNextActor() + " | last " + view.getLastStep()
                + " at " + view.getLastSequence() + " | new " + view.getNewCertificateSerial() + " old "
                + view.getOldCertificateSerial();
    }

    /** This test's partners' views. */
    private String partners() {
        return String.join("\n", jdbc.queryForList("select partner_id || ' ' || last_sequence || ' ' || entry"
                + " from partner_view where partner_id in (?, ?) order by partner_id", String.class, GLOBEX, INITECH));
    }

    /** Every event in the store, renewals', partners' and policies', as the rebuild counts them. */
    private long storedEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry where type in ('Renewal', 'Partner',"
                + " 'RenewalPolicy')", Long.class);
    }

    /** This test's renewals' views. */
    private String snapshot(List<RenewalId> renewals) throws Exception {
        return ContractJson.mapper().writeValueAsString(views.findAllById(renewals.stream().map(RenewalId::value)
                .toList()).stream().sorted(Comparator.comparing(RenewalView::getRenewalId)).toList());
    }
}
