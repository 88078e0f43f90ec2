package io.keyrenewal.renewal.query;

import io.keyrenewal.contracts.CertificateRef;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** The auditor's time travel: every answer as it stood at {@code asOf} (an ISO-8601 instant). */
@RestController
public class AsOfController {

    private final AsOfQueries queries;

    public AsOfController(AsOfQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/audit/renewals/{renewalId}")
    public ResponseEntity<RenewalView> renewal(@PathVariable String renewalId,
                                               @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                               Instant asOf) {
        return ResponseEntity.of(queries.renewal(renewalId, asOf));
    }

    @GetMapping("/audit/aliases/{alias}/active-certificate")
    public ResponseEntity<CertificateRef> activeCertificate(@PathVariable String alias,
                                                            @RequestParam @DateTimeFormat(
                                                                    iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf) {
        return ResponseEntity.of(queries.activeCertificate(alias, asOf));
    }

    @GetMapping("/audit/partners/{partnerId}/certificates")
    public List<AsOfQueries.ProvidedCertificate> certificatesGivenTo(@PathVariable String partnerId,
                                                                      @RequestParam @DateTimeFormat(
                                                                              iso = DateTimeFormat.ISO.DATE_TIME)
                                                                      Instant asOf) {
        return queries.certificatesGivenTo(partnerId, asOf);
    }
}
