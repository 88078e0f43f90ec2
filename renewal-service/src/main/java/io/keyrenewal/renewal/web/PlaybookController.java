package io.keyrenewal.renewal.web;

import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.playbook.Milestone;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.CertificateUse;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.PartnerCertificateUse;
import io.keyrenewal.security.apidoc.ApiExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/** The playbook catalogue as the renewals follow it: what a renewal of each playbook will ask of whom, and when. */
@RestController
@Tag(name = "Playbooks", description = "The catalogue of playbooks the renewals follow")
class PlaybookController {

    /** The catalogue: its version and its playbooks. */
    record Catalogue(int version, List<PlaybookEntry> playbooks) {
    }

    /**
     * One playbook.
     *
     * @param number            its number, as people name it ("playbook 3")
     * @param title             what it renews and how, in a few words
     * @param purpose           what the renewed key does; a start request with this purpose and no playbook follows
     *                          this one (where there are two, the one for the partner's capability)
     * @param partnerUsesBothKeys the partner's capability it is for: true, the partner works with the old and the new
     *                          key at once; false, one at a time; null, either
     * @param certificateUse    what the partner is to do with the new certificate when it is provided
     * @param newKeyPair        what the keystore does with the new key pair: staged until the exchange, or active at once
     * @param retentionStartsAt the step from which the old key pair is retained (at least 90 days and the guaranteed
     *                          delivery time)
     * @param rollbackUntil     the step after which a rollback is no longer possible (null: no rollback)
     * @param abortUntil        the step from which an abort is no longer possible
     */
    record PlaybookEntry(String playbook, int number, String title, KeyPurpose purpose, Boolean partnerUsesBothKeys,
                         String partnerRole, CertificateUse certificateUse, KeyPairActivation newKeyPair,
                         PartnerCertificateUse partnerCertificateUse, String retentionStartsAt,
                         String rollbackUntil, String abortUntil, List<StepEntry> steps) {
    }

    /**
     * One step, in playbook order.
     *
     * @param actor        who takes it: tenant, partner, keystore or system (the renewal itself)
     * @param confirmation the partner confirmation that takes a partner step
     * @param requires     the steps that must be done first
     */
    record StepEntry(String step, String actor, String confirmation, List<String> requires) {
    }

    @Operation(summary = "The playbook catalogue", description = "Every playbook with the purpose of the key it renews"
            + " and the partner's capability it is for (what chooses it for a start request without a playbook), its"
            + " steps in order, who takes"
            + " each, the partner confirmation that takes a partner step, what each step needs first, what the"
            + " keystore does with the new key pair (or, where the playbook replaces the partner's certificate, what"
            + " the tenant does with it), where the retention starts and until when rollback and abort are"
            + " possible.")
    @ApiExample(response = """
            {"version":1,"playbooks":[{"playbook":"TENANT_DECRYPTS_OUTBOUND_RESPONSE","number":3,\
            "title":"decrypts outbound response","purpose":"DECRYPT_OUTBOUND_RESPONSE","partnerUsesBothKeys":null,\
            "partnerRole":"RECEIVER_ADMINISTRATOR","certificateUse":"ENCRYPT_WITH_NEW","newKeyPair":"ACTIVE_AT_ONCE",\
            "partnerCertificateUse":null,"retentionStartsAt":"PARTNER_SWITCHED_TO_NEW_KEY","rollbackUntil":null,"abortUntil":"CERTIFICATE_PROVIDED",\
            "steps":[{"step":"KEY_PAIR_CREATED","actor":"keystore","confirmation":null,"requires":[]},\
            {"step":"PARTNER_SWITCHED_TO_NEW_KEY","actor":"partner","confirmation":"SWITCHED_TO_NEW_KEY",\
            "requires":["CERTIFICATE_PROVIDED"]}]}]}""")
    @GetMapping("/playbooks")
    Catalogue playbooks() {
        return new Catalogue(Playbooks.CATALOGUE_VERSION, Playbooks.all().stream().map(PlaybookController::entry)
                .toList());
    }

    private static PlaybookEntry entry(PlaybookDefinition definition) {
        return new PlaybookEntry(definition.playbook().name(), definition.number(), definition.title(),
                definition.purpose(), definition.partnerUsesBothKeys(), definition.partnerRole().name(),
                definition.certificateUse(),
                definition.newKeyPair(), definition.partnerCertificateUse(),
                name(definition.retentionStartsAt()), name(definition.rollbackUntil()), name(definition.abortUntil()),
                definition.steps().stream().map(step -> new StepEntry(step.milestone().name(),
                        step.actor().name().toLowerCase(Locale.ROOT),
                        step.confirmation() == null ? null : step.confirmation().name(),
                        step.requires().stream().map(Milestone::name).sorted().toList())).toList());
    }

    private static String name(Milestone milestone) {
        return milestone == null ? null : milestone.name();
    }
}
