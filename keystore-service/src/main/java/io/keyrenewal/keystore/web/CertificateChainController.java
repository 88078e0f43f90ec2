package io.keyrenewal.keystore.web;

import io.keyrenewal.keystore.KeystoreFailure;
import io.keyrenewal.keystore.KeystoreReports;
import io.keyrenewal.keystore.certificate.InvalidCertificateChain;
import io.keyrenewal.keystore.issuance.ChainImport;
import io.keyrenewal.keystore.issuance.ImportCaCertificateChain;
import io.keyrenewal.keystore.issuance.NoCertificateAwaited;
import io.keyrenewal.keystore.store.InvalidAlias;
import io.keyrenewal.security.apidoc.ApiExample;
import io.keyrenewal.security.apidoc.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import static io.keyrenewal.keystore.web.Problems.problem;

/**
 * The CA flow of a renewal with {@code certificateSource} CA: read the staged key pair's certification request, then
 * import the CA's certificate chain (PEM, in any order) for it. Public material only.
 */
@RestController
@RequestMapping("/keystore/entries/{alias}/staged")
@Tag(name = "CA certificates", description = "A CA-issued certificate: its request, then the CA's chain")
class CertificateChainController {

    private final ImportCaCertificateChain imports;

    CertificateChainController(ImportCaCertificateChain imports) {
        this.imports = imports;
    }

    /** The PKCS#10 request (PEM) of the alias's newest key pair that awaits the CA's certificate. */
    @Operation(summary = "The certification request awaiting a CA's certificate (PEM)", description = "Of the"
            + " alias's newest key pair that awaits one; the renewal in the X-Renewal-Id header.")
    @ApiExample(mediaType = "application/x-pem-file", response = ApiExamples.PEM_REQUEST)
    @Refusal(status = 409, title = "No certificate awaited", detail = "no key pair of alias 'acme-sign' awaits a CA's"
            + " certificate")
    @GetMapping("/csr")
    ResponseEntity<String> awaitedRequest(@PathVariable String alias) {
        return imports.awaited(alias)
                .map(request -> ResponseEntity.ok().contentType(KeystoreEntriesController.PEM_FILE)
                        .header("X-Renewal-Id", request.renewalId().value())
                        .body(request.certificateSigningRequest()))
                .orElseThrow(() -> new NoCertificateAwaitedHere(alias));
    }

    @Operation(summary = "Import the CA's certificate chain for the staged key pair", description = "PEM"
            + " certificates in any order (application/x-pem-file or text/plain); the renewal is told.")
    @ApiExample(requestMediaType = "application/x-pem-file", request = ApiExamples.PEM_CERTIFICATE, response = """
            {"renewalId":"7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33","imported":true,"chainLength":2,\
            "reported":"KeyPairGenerated","entry":""" + ApiExamples.ENTRY + "}")
    @Refusal(status = 400, title = "Invalid certificate chain", detail = "the leaf certificate CN=acme-sign is"
            + " self-signed: a CA must sign it")
    @Refusal(status = 409, title = "No certificate awaited", detail = "no key pair of alias 'acme-sign' awaits a CA's"
            + " certificate")
    @Refusal(status = 409, title = "Certificate chain refused", detail = "the staged key pair of acme-sign was"
            + " discarded")
    @Refusal(status = 503, title = "Report not published", detail = "the certificate chain is stored, but its report"
            + " could not be published (timeout): import the same chain again once Kafka is reachable")
    @PostMapping("/certificate-chain")
    ChainImportView importChain(@PathVariable String alias, @RequestBody String pem) {
        ChainImport done = imports.importChain(alias, pem);
        return new ChainImportView(done.report().renewalId().value(), done.imported(), done.chainLength(),
                done.report().getClass().getSimpleName(), EntryView.of(done.entry()));
    }

    @ExceptionHandler({InvalidCertificateChain.class, InvalidAlias.class})
    ProblemDetail invalidChain(RuntimeException invalid) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid certificate chain", invalid.getMessage());
    }

    @ExceptionHandler({NoCertificateAwaited.class, NoCertificateAwaitedHere.class})
    ProblemDetail nothingAwaited(RuntimeException nothing) {
        return problem(HttpStatus.CONFLICT, "No certificate awaited", nothing.getMessage());
    }

    @ExceptionHandler(KeystoreFailure.class)
    ProblemDetail refused(KeystoreFailure refused) {
        return problem(HttpStatus.CONFLICT, "Certificate chain refused", refused.getMessage());
    }

    @ExceptionHandler(KeystoreReports.ReportNotPublished.class)
    ProblemDetail notPublished(KeystoreReports.ReportNotPublished failure) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Report not published", "the certificate chain is stored,"
                + " but its report could not be published (" + failure.getMessage() + "): import the same chain"
                + " again once Kafka is reachable");
    }

    /**
     * @param imported false if the key pair had this certificate already: nothing changed, reported again
     * @param reported the report published for the renewal
     */
    record ChainImportView(String renewalId, boolean imported, int chainLength, String reported, EntryView entry) {
    }

    static class NoCertificateAwaitedHere extends RuntimeException {

        NoCertificateAwaitedHere(String alias) {
            super("no key pair of alias '" + alias + "' awaits a CA's certificate");
        }
    }
}
