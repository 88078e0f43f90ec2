package io.keyrenewal.renewal.partnerapi;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.partner.ConfirmationSignatures;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.renewal.confirmation.ConfirmationGate;
import io.keyrenewal.renewal.confirmation.ConfirmationRejected;
import io.keyrenewal.renewal.query.RenewalView;
import io.keyrenewal.renewal.query.RenewalViewRepository;
import io.keyrenewal.renewal.security.Callers;
import io.keyrenewal.renewal.web.ApiExamples;
import io.keyrenewal.renewal.web.RenewalController.UnknownRenewal;
import io.keyrenewal.security.apidoc.ApiExample;
import io.keyrenewal.security.apidoc.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * For partners without Kafka: confirm a step over HTTP (signed exactly as on the topic, same rules) and read the
 * state of their own renewals. Another partner's renewal is answered as unknown.
 */
@RestController
@RequestMapping("/partner-api/renewals")
@Tag(name = "Partner API", description = "Partners without Kafka: their own renewals, their confirmations")
public class PartnerApiController {

    private final ConfirmationGate gate;
    private final RenewalViewRepository views;
    private final Callers callers;

    public PartnerApiController(ConfirmationGate gate, RenewalViewRepository views, Callers callers) {
        this.gate = gate;
        this.views = views;
        this.callers = callers;
    }

    /** What a partner sees of a confirmation (or refusal: {@code outcome} REFUSED) it sent. */
    public record ConfirmationReceipt(String confirmationId, String type, String outcome, RenewalView renewal) {
    }

    @Operation(summary = "The partner's own renewals")
    @ApiExample(response = "[" + ApiExamples.RENEWAL_VIEW + "]")
    @Refusal(status = 403, title = "Confirmation rejected", detail = "this user speaks for no partner")
    @GetMapping
    public List<RenewalView> list() {
        return views.find(null, partner().value(), null);
    }

    @Operation(summary = "One of the partner's renewals", description = "Another partner's renewal is answered as"
            + " unknown.")
    @ApiExample(response = ApiExamples.RENEWAL_VIEW)
    @Refusal(status = 403, title = "Confirmation rejected", detail = "this user speaks for no partner")
    @Refusal(status = 404, title = "Confirmation rejected", detail = "unknown renewal: no renewal has id"
            + " 7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33")
    @GetMapping("/{renewalId}")
    public RenewalView get(@PathVariable String renewalId) {
        return ownRenewal(renewalId);
    }

    /**
     * The body is the confirmation's JSON exactly as signed; the signature travels in the
     * {@code Keyrenewal-Signature} header. Applied, or already applied: 200 with the renewal as it stands.
     */
    @Operation(summary = "Confirm or refuse a partner step", description = "The body is the confirmation's JSON"
            + " exactly as signed; the signature (a JWS with detached payload, ES256 or RS256, kid of a registered"
            + " confirmation key) travels in the Keyrenewal-Signature header. A refusal is a confirmation with"
            + " \"outcome\":\"REFUSED\", a \"reason\" (required, at most 1000 characters) and an optional \"code\";"
            + " it is accepted only for the step awaited from the partner now. Applied or recorded, or already:"
            + " 200 with the renewal.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = PartnerConfirmation.class)))
    @ApiExample(request = """
            {"confirmationId":"c-42","renewalId":"7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33","partnerId":"acme",\
            "type":"SWITCHED_TO_NEW_KEY","confirmedAt":"2026-11-22T10:00:00Z"}""",
            response = "{\"confirmationId\":\"c-42\",\"type\":\"SWITCHED_TO_NEW_KEY\",\"outcome\":\"CONFIRMED\","
                    + "\"renewal\":"
                    + ApiExamples.RENEWAL_VIEW + "}")
    @Refusal(status = 400, title = "Confirmation rejected", detail = "the confirmation is about renewal"
            + " 0c4e9a1b-2d3f-4a5b-8c7d-9e0f1a2b3c4d but was sent for renewal 7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33"
            + " (record key or path)")
    @Refusal(status = 403, title = "Confirmation rejected", detail = "partner acme cannot confirm in the name of"
            + " partner globex")
    @Refusal(status = 404, title = "Confirmation rejected", detail = "unknown renewal: no renewal has id"
            + " 7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33")
    @Refusal(status = 409, title = "Confirmation rejected", detail = "SWITCHED_TO_NEW_KEY is not allowed now: the"
            + " renewal awaits KEY_PAIR_CREATED (keystore)")
    @Refusal(status = 422, title = "Confirmation rejected", detail = "signature of partner acme: no registered key"
            + " has kid acme-2025")
    @PostMapping(value = "/{renewalId}/confirmations", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ConfirmationReceipt confirm(@PathVariable String renewalId, @RequestBody byte[] body,
                                       @RequestHeader(value = ConfirmationSignatures.HTTP_HEADER, required = false)
                                       String signature) {
        PartnerId partner = partner();
        ownRenewal(renewalId);
        PartnerConfirmation confirmation = gate.accept(body, new ConfirmationGate.Arrival(
                "rest:" + UUID.randomUUID(), renewalId, signature, partner));
        return new ConfirmationReceipt(confirmation.confirmationId(), confirmation.type().name(),
                confirmation.outcome().name(), ownRenewal(renewalId));
    }

    private RenewalView ownRenewal(String renewalId) {
        PartnerId partner = partner();
        return views.findById(renewalId).filter(view -> partner.value().equals(view.getPartnerId()))
                .orElseThrow(() -> new UnknownRenewal(renewalId));
    }

    private PartnerId partner() {
        return callers.partner().orElseThrow(() -> new ConfirmationRejected(ConfirmationRejected.Kind.FORBIDDEN,
                "this user speaks for no partner"));
    }

    @ExceptionHandler(ConfirmationRejected.class)
    public ProblemDetail rejected(ConfirmationRejected rejected) {
        HttpStatus status = switch (rejected.kind()) {
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNKNOWN_RENEWAL -> HttpStatus.NOT_FOUND;
            case REFUSED -> HttpStatus.CONFLICT;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, rejected.getMessage());
        problem.setTitle("Confirmation rejected");
        return problem;
    }
}
