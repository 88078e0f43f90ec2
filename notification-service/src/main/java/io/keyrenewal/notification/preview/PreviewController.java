package io.keyrenewal.notification.preview;

import io.keyrenewal.security.apidoc.ApiExample;
import io.keyrenewal.security.apidoc.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code POST /notifications/preview}: the messages of a dry run's plan, rendered, changing nothing. */
@RestController
@Tag(name = "Notifications")
class PreviewController {

    private static final Logger log = LoggerFactory.getLogger(PreviewController.class);
    private static final String NOT_PREVIEWABLE = "Plan cannot be previewed";

    private final PlanPreview preview;

    PreviewController(PlanPreview preview) {
        this.preview = preview;
    }

    @Operation(summary = "Render the messages of a dry run's plan", description = "The body is the plan of POST"
            + " /renewals/dry-run (renewal-service) as it answers it. For each message the plan names (each step's"
            + " tells, then its ifLate), in plan order: its subject and text as this service would send them in a"
            + " renewal of that request, with the renewal id \"(dry run)\", the plan's dates and the playbook's"
            + " recipient. Where the real message shows what only the real renewal will know (a certificate not yet"
            + " made or sent, the downtime window not yet proposed, who proposes it or (un)deploys the flow, the"
            + " partner's confirmation id) it has a marked placeholder such as \"<SHA-256 of the new certificate:"
            + " known once the keystore made it>\", listed with its meaning in placeholders; attachments names what"
            + " the real message attaches, its content not rendered. A message that cannot be rendered has subject"
            + " and text null and a reason. Nothing is stored, queued or sent.")
    @ApiExample(request = """
            {"alias":"partner-acme-signer","partner":{"partnerId":"acme"},\
            "playbook":{"playbook":"TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH"},\
            "steps":[{"step":"CERTIFICATE_PROVIDED","event":"CertificateProvided","earliestAt":"2026-11-22T10:00:00Z",\
            "tells":[{"event":"CertificateProvided","recipient":"SENDER_ADMINISTRATOR",\
            "kind":"CERTIFICATE_PROVIDED","asks":"VERIFIES_BOTH"}],"ifLate":[]},\
            {"step":"PARTNER_VERIFIES_BOTH","event":"PartnerVerifiesBoth","earliestAt":"2026-11-22T10:00:00Z",\
            "confirmation":"VERIFIES_BOTH","respondWithin":"PT72H","escalatedAfter":"PT144H",\
            "tells":[{"event":"PartnerVerifiesBoth","recipient":"SENDER_ADMINISTRATOR",\
            "kind":"CONFIRMATION_RECEIVED","asks":null}],"ifLate":[]}],\
            "dates":{"start":"2026-11-22T10:00:00Z","retention":"PT2160H","retentionStartsAt":"KEY_PAIR_EXCHANGED"}}""",
            response = """
            [{"step":"CERTIFICATE_PROVIDED","event":"CertificateProvided","recipient":"SENDER_ADMINISTRATOR",\
            "kind":"CERTIFICATE_PROVIDED","subject":"Action required: new certificate of the tenant for alias\
             partner-acme-signer (renewal (dry run))","text":"Hello sender administrator of partner acme,\\n...\
            \\n  SHA-256 fingerprint: <SHA-256 of the new certificate: known once the keystore made it>\\n...",\
            "placeholders":[{"name":"<SHA-256 of the new certificate: known once the keystore made it>",\
            "meaning":"the SHA-256 fingerprint of the tenant's new certificate, which the keystore makes when the\
             renewal runs"}],"attachments":[{"name":"partner-acme-signer-<serial number of the new certificate:\
             known once the keystore made it>.pem","placeholder":true}]},\
            {"step":"PARTNER_VERIFIES_BOTH","event":"PartnerVerifiesBoth","recipient":"SENDER_ADMINISTRATOR",\
            "kind":"CONFIRMATION_RECEIVED","subject":"Confirmation received: VERIFIES_BOTH for alias\
             partner-acme-signer (renewal (dry run))","text":"Hello sender administrator of partner acme,\\n\\nThe\
             tenant accepted your confirmation <your confirmationId> (VERIFIES_BOTH) for renewal (dry run) of the\
             alias \\"partner-acme-signer\\".\\n...","placeholders":[{"name":"<your confirmationId>",\
            "meaning":"the id the partner gives its confirmation"}],"attachments":[]}]""")
    @Refusal(status = 400, title = NOT_PREVIEWABLE, detail = "the plan's playbook TENANT_SIGNS_NOTHING is not in the"
            + " catalogue this service knows")
    @PostMapping("/notifications/preview")
    List<PreviewedMessage> preview(@RequestBody PlanToPreview plan) {
        List<PreviewedMessage> messages = preview.of(plan);
        log.info("Preview of the plan for alias {} with partner {}: {} messages, {} not rendered", plan.alias(),
                plan.partner() == null ? null : plan.partner().partnerId(), messages.size(),
                messages.stream().filter(message -> message.text() == null).count());
        return messages;
    }

    @ExceptionHandler(PlanNotPreviewable.class)
    ProblemDetail notPreviewable(PlanNotPreviewable refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, refused.getMessage());
        problem.setTitle(NOT_PREVIEWABLE);
        return problem;
    }
}
