package io.keyrenewal.renewal.partnerapi;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.partner.ConfirmationSignatures;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.renewal.confirmation.ConfirmationGate;
import io.keyrenewal.renewal.confirmation.ConfirmationRejected;
import io.keyrenewal.renewal.query.RenewalView;
import io.keyrenewal.renewal.query.RenewalViewRepository;
import io.keyrenewal.renewal.security.Callers;
import io.keyrenewal.renewal.web.RenewalController.UnknownRenewal;
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
public class PartnerApiController {

    private final ConfirmationGate gate;
    private final RenewalViewRepository views;
    private final Callers callers;

    public PartnerApiController(ConfirmationGate gate, RenewalViewRepository views, Callers callers) {
        this.gate = gate;
        this.views = views;
        this.callers = callers;
    }

    /** What a partner sees of a confirmation it sent. */
    public record ConfirmationReceipt(String confirmationId, String type, RenewalView renewal) {
    }

    @GetMapping
    public List<RenewalView> list() {
        return views.find(null, partner().value(), null);
    }

    @GetMapping("/{renewalId}")
    public RenewalView get(@PathVariable String renewalId) {
        return ownRenewal(renewalId);
    }

    /**
     * The body is the confirmation's JSON exactly as signed; the signature travels in the
     * {@code Keyrenewal-Signature} header. Applied, or already applied: 200 with the renewal as it stands.
     */
    @PostMapping(value = "/{renewalId}/confirmations", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ConfirmationReceipt confirm(@PathVariable String renewalId, @RequestBody byte[] body,
                                       @RequestHeader(value = ConfirmationSignatures.HTTP_HEADER, required = false)
                                       String signature) {
        PartnerId partner = partner();
        ownRenewal(renewalId);
        PartnerConfirmation confirmation = gate.accept(body, new ConfirmationGate.Arrival(
                "rest:" + UUID.randomUUID(), renewalId, signature, partner));
        return new ConfirmationReceipt(confirmation.confirmationId(), confirmation.type().name(),
                ownRenewal(renewalId));
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
