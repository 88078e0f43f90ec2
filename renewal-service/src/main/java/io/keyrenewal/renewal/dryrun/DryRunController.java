package io.keyrenewal.renewal.dryrun;

import io.keyrenewal.renewal.web.StartRenewalRequest;
import io.keyrenewal.security.apidoc.ApiExample;
import io.keyrenewal.security.apidoc.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /renewals/dry-run}: the plan of a start request, changing nothing. */
@RestController
@Tag(name = "Renewals")
class DryRunController {

    private static final Logger log = LoggerFactory.getLogger(DryRunController.class);

    private final DryRun dryRun;

    DryRunController(DryRun dryRun) {
        this.dryRun = dryRun;
    }

    @Operation(summary = "Plan a renewal without starting it", description = "The same body and checks as POST"
            + " /renewals; nothing is stored, sent or scheduled. The plan: the playbook and how it was chosen, its steps"
            + " in the order the renewal takes them if every party acts at once (who takes each, the partner's"
            + " confirmation and respond-by period, what a tenant step needs and whether an automatic renewal takes it"
            + " itself, the event that records it, who is told what), the earliest retention end and removal, until"
            + " when abort and rollback are possible, and what would be refused now with the start's own reason."
            + " A plan with refusals answers 200 too, with wouldStart false where the start itself would be refused.")
    @ApiExample(request = """
            {"alias":"partner-acme-decrypt","partnerId":"acme","guaranteedDeliveryTime":"P30D"}""", response = """
            {"wouldStart":true,"alias":"partner-acme-decrypt","exchangeApproval":"TENANT_APPROVES",\
            "playbook":{"playbook":"TENANT_DECRYPTS_OUTBOUND_RESPONSE","number":3,"title":"decrypts outbound response",\
            "catalogueVersion":1,"chosenBy":"PURPOSE","purpose":"DECRYPT_OUTBOUND_RESPONSE","partnerUsesBothKeys":null},\
            "partner":{"partnerId":"acme","role":"RECEIVER_ADMINISTRATOR","registered":true,\
            "confirmationKeys":["acme-2026"],"channels":["kafka","email"]},\
            "steps":[{"step":"KEY_PAIR_CREATED","actor":"keystore","takenBy":"keystore","event":"NewKeyPairCreated",\
            "earliestAt":"2026-11-22T10:00:00Z","confirmation":null,"respondWithin":null,"escalatedAfter":null,\
            "needs":null,"automaticRenewalTakesIt":null,"tells":[],"ifLate":[]},\
            {"step":"CERTIFICATE_PROVIDED","actor":"system","takenBy":"system","event":"CertificateProvided",\
            "earliestAt":"2026-11-22T10:00:00Z","confirmation":null,"respondWithin":null,"escalatedAfter":null,\
            "needs":null,"automaticRenewalTakesIt":null,"tells":[{"event":"CertificateProvided",\
            "recipient":"RECEIVER_ADMINISTRATOR","kind":"CERTIFICATE_PROVIDED","asks":"SWITCHED_TO_NEW_KEY"}],\
            "ifLate":[]}],\
            "dates":{"start":"2026-11-22T10:00:00Z","retention":"PT2160H",\
            "retentionStartsAt":"PARTNER_SWITCHED_TO_NEW_KEY","earliestRetentionEnd":"2027-02-20T10:00:00Z",\
            "earliestRemoval":"2027-02-20T10:00:00Z","abortUntil":"CERTIFICATE_PROVIDED","rollbackUntil":null},\
            "refusals":[]}""")
    @Refusal(status = 400, title = "Invalid request", detail = "validityDays must be between 1 and 3650")
    @PostMapping("/renewals/dry-run")
    RenewalPlan dryRun(@Valid @RequestBody StartRenewalRequest request) {
        RenewalPlan plan = dryRun.plan(request);
        log.info("Dry run for alias {} with partner {}: playbook {}, {} steps, {} refused", request.alias(),
                request.partnerId(), plan.playbook() == null ? "none" : plan.playbook().playbook(),
                plan.steps().size(), plan.refusals().size());
        return plan;
    }
}
