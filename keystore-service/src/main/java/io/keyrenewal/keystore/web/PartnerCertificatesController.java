package io.keyrenewal.keystore.web;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.keystore.KeystoreFailure;
import io.keyrenewal.keystore.certificate.InvalidPartnerCertificate;
import io.keyrenewal.keystore.partner.PartnerCertificateImport;
import io.keyrenewal.keystore.partner.PartnerCertificates;
import io.keyrenewal.keystore.store.Exchange;
import io.keyrenewal.keystore.store.InvalidAlias;
import io.keyrenewal.security.apidoc.ApiExample;
import io.keyrenewal.security.apidoc.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import static io.keyrenewal.keystore.web.Problems.problem;

/**
 * The tenant administrator's hand on a partner's certificates: import one (checked; staged, or active at once),
 * switch to a staged one, remove an old one once its retention date has passed. Public material only: a private key
 * in the input is refused and never repeated. Reading them is {@code GET /keystore/entries} and its neighbours.
 */
@RestController
@RequestMapping("/keystore/aliases/{alias}/partner-certificates")
@Tag(name = "Partner certificates", description = "A partner's certificates: import, switch, remove the old one")
class PartnerCertificatesController {

    private static final String CHECKS = "Checked first: one PEM certificate (no private key, no CA certificate),"
            + " valid by the keystore's clock and for at least the configured minimum after it (30 days), an RSA key"
            + " of at least 2048 bits or an EC key on P-256 or P-384.";

    private final PartnerCertificates certificates;

    PartnerCertificatesController(PartnerCertificates certificates) {
        this.certificates = certificates;
    }

    @Operation(summary = "Import a partner's certificate (PEM), staged or active at once", description = CHECKS
            + " Staged by default, beside the active one (both verify); activate=true makes it the active one at"
            + " once, the one before retained for max(90 days, guaranteedDeliveryTime). The same certificate again"
            + " changes nothing (imported false). The answer's sha256, serialNumber, subject, issuer and notAfter are"
            + " what the tenant confirms to the partner.")
    @ApiExample(requestMediaType = "application/x-pem-file", request = ApiExamples.PEM_CERTIFICATE,
            response = "{\"imported\":true,\"entry\":" + ApiExamples.PARTNER_ENTRY + ",\"switched\":null}")
    @Refusal(status = 400, title = "Invalid partner certificate", detail = "certificate 'CN=acme-signer' (serial"
            + " 1a2b3c) has an RSA key of 1024 bits: at least 2048 are required")
    @Refusal(status = 409, title = "Partner certificate refused", detail = "alias 'acme-sign' holds key pairs, not"
            + " partner certificates: an alias never mixes key pairs and partner certificates")
    @PostMapping
    PartnerCertificateView importCertificate(@PathVariable String alias, @RequestBody(required = false) String pem,
                                             @RequestParam(defaultValue = "false") boolean activate,
                                             @RequestParam(required = false) String guaranteedDeliveryTime) {
        PartnerCertificateImport done = certificates.importCertificate(alias, pem, null, activate,
                duration(guaranteedDeliveryTime), null, null);
        return new PartnerCertificateView(done.imported(), EntryView.of(done.entry()),
                done.switched() == null ? null : SwitchView.of(done.switched()));
    }

    @Operation(summary = "Switch to a staged partner certificate", description = "It becomes the alias's active"
            + " one; the one before is archived (still verifies when named) until max(90 days,"
            + " guaranteedDeliveryTime) from now by the keystore's clock. Again for the active one: answered as"
            + " before.")
    @ApiExample(response = "{\"activated\":" + ApiExamples.PARTNER_CERTIFICATE_VIEW + ",\"archived\":"
            + ApiExamples.PARTNER_CERTIFICATE_VIEW + ",\"archivedUntil\":\"2027-02-20T10:00:00Z\"}")
    @Refusal(status = 400, title = "Invalid request", detail = "guaranteedDeliveryTime must be an ISO-8601 duration"
            + " such as P30D, not '30 days'")
    @Refusal(status = 409, title = "Partner certificate refused", detail = "alias 'acme-verify' holds no staged"
            + " partner certificate with certificate 9c8b...")
    @PostMapping("/{sha256}/activate")
    SwitchView activate(@PathVariable String alias, @PathVariable String sha256,
                        @RequestParam(required = false) String guaranteedDeliveryTime) {
        return SwitchView.of(certificates.activate(alias, fingerprint(sha256), duration(guaranteedDeliveryTime),
                null, null));
    }

    @Operation(summary = "Remove an old (archived) or a staged partner certificate", description = "An archived one"
            + " only once its retention date has passed by the keystore's clock; a staged one (never switched to) at"
            + " once; never the active one.")
    @ApiExample(response = "{\"removed\":" + ApiExamples.PARTNER_ENTRY + "}")
    @Refusal(status = 404, title = "Unknown partner certificate", detail = "alias 'acme-verify' holds no partner"
            + " certificate 9c8b...")
    @Refusal(status = 409, title = "Partner certificate refused", detail = "certificate 9c8b... (serial 1a2b3c) of"
            + " alias 'acme-verify': retention not elapsed until 2027-02-20T10:00:00Z (keystore time"
            + " 2026-12-01T10:00:00Z)")
    @DeleteMapping("/{sha256}")
    RemovalView remove(@PathVariable String alias, @PathVariable String sha256) {
        return certificates.remove(alias, fingerprint(sha256), null, null)
                .map(removed -> new RemovalView(EntryView.of(removed)))
                .orElseThrow(() -> new UnknownPartnerCertificate("alias '" + alias + "' holds no partner"
                        + " certificate " + sha256));
    }

    private static Duration duration(String text) {
        try {
            return text == null || text.isBlank() ? null : Duration.parse(text.trim());
        } catch (DateTimeParseException notADuration) {
            throw new IllegalArgumentException("guaranteedDeliveryTime must be an ISO-8601 duration such as P30D,"
                    + " not '" + text + "'");
        }
    }

    private static Fingerprint fingerprint(String sha256) {
        try {
            return new Fingerprint(sha256);
        } catch (IllegalArgumentException notHex) {
            throw new IllegalArgumentException("name the partner certificate by the SHA-256 of its certificate, 64"
                    + " lower-case hex characters");
        }
    }

    @ExceptionHandler(InvalidPartnerCertificate.class)
    ProblemDetail invalid(InvalidPartnerCertificate invalid) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid partner certificate", invalid.getMessage());
    }

    @ExceptionHandler({InvalidAlias.class, IllegalArgumentException.class})
    ProblemDetail badRequest(RuntimeException invalid) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", invalid.getMessage());
    }

    @ExceptionHandler(UnknownPartnerCertificate.class)
    ProblemDetail unknown(UnknownPartnerCertificate unknown) {
        return problem(HttpStatus.NOT_FOUND, "Unknown partner certificate", unknown.getMessage());
    }

    @ExceptionHandler(KeystoreFailure.class)
    ProblemDetail refused(KeystoreFailure refused) {
        return problem(HttpStatus.CONFLICT, "Partner certificate refused", refused.getMessage());
    }

    /**
     * @param imported false if the alias held the certificate already: nothing was added
     * @param switched the switch to it, when activate asked for one and it was still staged
     */
    record PartnerCertificateView(boolean imported, EntryView entry, SwitchView switched) {
    }

    /** @param archived the certificate active before, null if none; retained until {@code archivedUntil} */
    record SwitchView(KeyOperationsController.CertificateView activated,
                      KeyOperationsController.CertificateView archived, Instant archivedUntil) {

        static SwitchView of(Exchange exchange) {
            return new SwitchView(KeyOperationsController.CertificateView.of(exchange.activated().ref()),
                    exchange.archived() == null ? null
                            : KeyOperationsController.CertificateView.of(exchange.archived().ref()),
                    exchange.archivedUntil());
        }
    }

    record RemovalView(EntryView removed) {
    }

    static class UnknownPartnerCertificate extends RuntimeException {

        UnknownPartnerCertificate(String reason) {
            super(reason);
        }
    }
}
