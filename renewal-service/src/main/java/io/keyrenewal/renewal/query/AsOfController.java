package io.keyrenewal.renewal.query;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.renewal.web.ApiExamples;
import io.keyrenewal.security.apidoc.ApiExample;
import io.keyrenewal.security.apidoc.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** The auditor's time travel: every answer as it stood at {@code asOf} (an ISO-8601 instant). */
@RestController
@Tag(name = "Audit")
public class AsOfController {

    private static final String CERTIFICATE = """
            {"sha256":"5e1f0a9c3b7d2e4f6a8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f",\
            "issuer":"CN=partner-acme-decrypt, O=Tenant AG, C=CH","serialNumber":"4f2a9c"}""";

    private final AsOfQueries queries;

    public AsOfController(AsOfQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "A renewal as it stood at a past instant")
    @ApiExample(response = ApiExamples.RENEWAL_VIEW)
    @Refusal(status = 400, title = "Bad Request", detail = "Required parameter 'asOf' is not present.")
    @Refusal(status = 404, title = "Nothing at that instant", detail = "renewal"
            + " 7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33 had not started at 2026-11-01T00:00:00Z")
    @GetMapping("/audit/renewals/{renewalId}")
    public RenewalView renewal(@PathVariable String renewalId,
                               @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf) {
        return queries.renewal(renewalId, asOf).orElseThrow(() -> nothingAt("renewal " + renewalId
                + " had not started at " + asOf));
    }

    @Operation(summary = "The certificate active for an alias at a past instant", description = "As the alias's"
            + " renewals recorded it.")
    @ApiExample(response = CERTIFICATE)
    @Refusal(status = 400, title = "Bad Request", detail = "Required parameter 'asOf' is not present.")
    @Refusal(status = 404, title = "Nothing at that instant", detail = "no certificate of alias partner-acme-decrypt"
            + " was active at 2026-11-01T00:00:00Z")
    @GetMapping("/audit/aliases/{alias}/active-certificate")
    public CertificateRef activeCertificate(@PathVariable String alias,
                                            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                            Instant asOf) {
        return queries.activeCertificate(alias, asOf).orElseThrow(() -> nothingAt("no certificate of alias " + alias
                + " was active at " + asOf));
    }

    @Operation(summary = "The certificates given to a partner up to a past instant")
    @ApiExample(response = "[{\"renewalId\":\"7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33\",\"alias\":"
            + "\"partner-acme-decrypt\",\"certificate\":" + CERTIFICATE + ",\"providedAt\":\"2026-11-22T10:00:02Z\"}]")
    @Refusal(status = 400, title = "Bad Request", detail = "Required parameter 'asOf' is not present.")
    @GetMapping("/audit/partners/{partnerId}/certificates")
    public List<AsOfQueries.ProvidedCertificate> certificatesGivenTo(@PathVariable String partnerId,
                                                                      @RequestParam @DateTimeFormat(
                                                                              iso = DateTimeFormat.ISO.DATE_TIME)
                                                                      Instant asOf) {
        return queries.certificatesGivenTo(partnerId, asOf);
    }

    /** Nothing to show at that instant: a problem detail, like every refusal of the API. */
    private static ErrorResponseException nothingAt(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Nothing at that instant");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
