package io.keyrenewal.notification.web;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.notification.delivery.DeliveryLog;
import io.keyrenewal.notification.delivery.DeliveryRecord;
import io.keyrenewal.security.apidoc.ApiExample;
import io.keyrenewal.security.apidoc.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Read API of the delivery log: what was sent to whom for a renewal, or about an alias. */
@RestController
@RequestMapping("/notifications")
@Tag(name = "Notifications", description = "The delivery log: what was sent to whom, over which channel")
class NotificationsController {

    private static final String NAME_ONE = "Name the renewal or the alias whose notifications you want:"
            + " GET /notifications?renewalId=<renewal id> or GET /notifications?alias=<alias>";

    private final DeliveryLog deliveryLog;

    NotificationsController(DeliveryLog deliveryLog) {
        this.deliveryLog = deliveryLog;
    }

    @Operation(summary = "What was sent for a renewal, or about an alias", description = "One row per message and"
            + " channel: status QUEUED, SENDING, SENT, FAILED or PARKED, attempts, the last error and the next attempt."
            + " By alias: the expiry watch's messages to the tenant administrator about it, and the messages of its"
            + " renewals.")
    @ApiExample(response = """
            [{"notificationId":"9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d:RECEIVER_ADMINISTRATOR",\
            "renewalId":"7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33","partnerId":"acme","alias":"partner-acme-decrypt",\
            "recipient":"RECEIVER_ADMINISTRATOR","kind":"CERTIFICATE_PROVIDED","channel":"email","status":"SENT",\
            "attempts":1,"lastError":null,"createdAt":"2026-11-22T10:00:02Z","nextAttemptAt":null,\
            "sentAt":"2026-11-22T10:00:03Z"}]""")
    @Refusal(status = 400, title = "renewalId or alias is required", detail = NAME_ONE)
    @GetMapping
    List<DeliveryRecord> deliveryLog(@Parameter(description = "the renewal; this or alias is required")
                                     @RequestParam(required = false) String renewalId,
                                     @Parameter(description = "the alias of the tenant keystore, where renewalId is"
                                             + " not given")
                                     @RequestParam(required = false) String alias) {
        if (renewalId != null && !renewalId.isBlank()) {
            return deliveryLog.forRenewal(new RenewalId(renewalId));
        }
        if (alias != null && !alias.isBlank()) {
            return deliveryLog.forAlias(alias);
        }
        throw new NeitherRenewalNorAlias();
    }

    @ExceptionHandler(NeitherRenewalNorAlias.class)
    ProblemDetail neitherRenewalNorAlias() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, NAME_ONE);
        problem.setTitle("renewalId or alias is required");
        return problem;
    }

    static class NeitherRenewalNorAlias extends RuntimeException {
        NeitherRenewalNorAlias() {
            super("renewalId or alias is required");
        }
    }
}
