package io.keyrenewal.keystore.web;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import io.keyrenewal.keystore.crypto.KeyOperations;
import io.keyrenewal.keystore.crypto.UnknownKey;
import io.keyrenewal.keystore.history.EntryChange;
import io.keyrenewal.keystore.history.EntryHistory;
import io.keyrenewal.keystore.store.EntryPage;
import io.keyrenewal.keystore.store.KeystoreEntry;
import io.keyrenewal.keystore.store.TenantKeystore;
import io.keyrenewal.security.apidoc.ApiExample;
import io.keyrenewal.security.apidoc.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Read-only view of the tenant keystore: entries and their certificates, never a private key. */
@RestController
@RequestMapping("/keystore/entries")
@Tag(name = "Keystore entries", description = "The tenant keystore's public material: entries, certificates, history")
class KeystoreEntriesController {

    static final MediaType PEM_FILE = MediaType.parseMediaType("application/x-pem-file");

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final TenantKeystore keystore;
    private final EntryHistory history;
    private final KeyOperations operations;

    KeystoreEntriesController(TenantKeystore keystore, EntryHistory history, KeyOperations operations) {
        this.keystore = keystore;
        this.history = history;
        this.operations = operations;
    }

    /**
     * One page of the entries, by alias, then entry name, from the keystore's index (no key is opened): of one alias
     * and in one state if asked. The body is the page's entries; {@code X-Total-Count} says how many match on all
     * pages, {@code Link} names the next and previous pages.
     */
    @Operation(summary = "The keystore's entries, one page: of one alias and in one state if asked",
            description = "By alias, then entry name, from the keystore's index (no key is opened). "
                    + "X-Total-Count says how many entries match on all pages; Link names the next and previous "
                    + "pages. page counts from 0; size is 100 unless asked, at most 1000.")
    @ApiExample(response = "[" + ApiExamples.ENTRY + "]")
    @Refusal(status = 400, title = "Bad entry listing", detail = "state must be ACTIVE, STAGED or ARCHIVED, not 'REMOVED'")
    @GetMapping
    ResponseEntity<List<EntryView>> entries(@RequestParam(required = false) String alias,
                                            @RequestParam(required = false) String state,
                                            @RequestParam(required = false) String page,
                                            @RequestParam(required = false) String size) {
        EntryPage found = keystore.entries(EntryListing.query(alias, state, page, size));
        return ResponseEntity.ok().headers(EntryListing.headers(found))
                .body(found.entries().stream().map(EntryView::of).toList());
    }

    /**
     * The entry's certificate as PEM. {@code entry} is an entry name, or the SHA-256 fingerprint of its certificate,
     * found by the history's index (no scan of the keystore); a removed entry's certificate is no longer kept (its
     * history is).
     */
    @Operation(summary = "An entry's certificate (PEM)", description = "By entry name, or by the SHA-256 of its"
            + " certificate.")
    @ApiExample(mediaType = "application/x-pem-file", response = ApiExamples.PEM_CERTIFICATE)
    @Refusal(status = 404, title = "Unknown keystore entry", detail = ApiExamples.UNKNOWN_ENTRY)
    @GetMapping("/{entry}/certificate")
    ResponseEntity<String> certificate(@PathVariable String entry) {
        return keystore.entry(entry).or(() -> byFingerprint(entry))
                .map(found -> ResponseEntity.ok().contentType(PEM_FILE).body(found.certificate().pem()))
                .orElseThrow(() -> new UnknownEntry(entry));
    }

    /** The entry still in the keystore whose certificate has this SHA-256, by the name its last change gave it. */
    private Optional<KeystoreEntry> byFingerprint(String sha256) {
        if (!SHA256_HEX.matcher(sha256).matches()) {
            return Optional.empty();
        }
        List<EntryChange> changes = history.of(new Fingerprint(sha256));
        return changes.isEmpty() ? Optional.empty() : keystore.entry(changes.get(changes.size() - 1).entryName())
                .filter(found -> found.certificate().fingerprint().value().equals(sha256));
    }

    /** The certificate chain, leaf first, as concatenated PEM blocks. */
    @Operation(summary = "An entry's certificate chain (PEM, leaf first)")
    @ApiExample(mediaType = "application/x-pem-file", response = ApiExamples.PEM_CERTIFICATE)
    @Refusal(status = 404, title = "Unknown keystore entry", detail = ApiExamples.UNKNOWN_ENTRY)
    @GetMapping("/{entryName}/chain")
    ResponseEntity<String> chain(@PathVariable String entryName) {
        List<PublicCertificate> chain = keystore.chain(entryName);
        if (chain.isEmpty()) {
            throw new UnknownEntry(entryName);
        }
        return ResponseEntity.ok().contentType(PEM_FILE)
                .body(chain.stream().map(PublicCertificate::pem).collect(Collectors.joining()));
    }

    /** A PKCS#10 certification request for a CA, for a staged or active entry, signed with the entry's key. */
    @Operation(summary = "A PKCS#10 certification request for an entry (PEM)", description = "For a staged or"
            + " active entry, signed with its key.")
    @ApiExample(mediaType = "application/x-pem-file", response = ApiExamples.PEM_REQUEST)
    @Refusal(status = 404, title = "Unknown keystore entry", detail = ApiExamples.UNKNOWN_ENTRY)
    @GetMapping("/{entryName}/csr")
    ResponseEntity<String> certificationRequest(@PathVariable String entryName) {
        try {
            return ResponseEntity.ok().contentType(PEM_FILE).body(operations.certificationRequest(entryName));
        } catch (UnknownKey unknown) {
            throw new UnknownEntry(entryName);
        }
    }

    /**
     * Every change of an entry, oldest first. {@code entry} is an entry name, or the SHA-256 fingerprint of its
     * certificate (which also finds removed entries).
     */
    @Operation(summary = "Every change of an entry, oldest first", description = "By entry name, or by the SHA-256"
            + " of its certificate (which also finds removed entries).")
    @ApiExample(response = """
            [{"alias":"acme-sign","certificateSha256":\
            "5e1f0a9c3b7d2e4f6a8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f","serialNumber":"4f2a9c",\
            "entryName":"acme-sign.staged.5e1f0a9c","state":"STAGED","retainedUntil":null,"kind":"GENERATED",\
            "renewalId":"7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33","causationId":"4c2d9e71-5a8b-4b3c-8d2e-1f0a9b8c7d6e",\
            "at":"2026-11-22T10:00:01Z"}]""")
    @Refusal(status = 404, title = "Unknown keystore entry", detail = ApiExamples.UNKNOWN_ENTRY)
    @GetMapping("/{entry}/history")
    List<EntryChange> history(@PathVariable String entry) {
        Fingerprint certificate = keystore.entry(entry).map(found -> found.certificate().fingerprint())
                .or(() -> SHA256_HEX.matcher(entry).matches() ? Optional.of(new Fingerprint(entry))
                        : Optional.empty())
                .orElseThrow(() -> new UnknownEntry(entry));
        List<EntryChange> changes = history.of(certificate);
        if (changes.isEmpty()) {
            throw new UnknownEntry(entry);
        }
        return changes;
    }

    @ExceptionHandler(EntryListing.BadQuery.class)
    ProblemDetail badQuery(EntryListing.BadQuery bad) {
        return Problems.problem(HttpStatus.BAD_REQUEST, "Bad entry listing", bad.getMessage());
    }

    @ExceptionHandler(UnknownEntry.class)
    ProblemDetail unknownEntry(UnknownEntry unknown) {
        return Problems.problem(HttpStatus.NOT_FOUND, "Unknown keystore entry", unknown.getMessage());
    }

    static class UnknownEntry extends RuntimeException {

        UnknownEntry(String entryName) {
            super("the keystore has no entry named '" + entryName + "'");
        }
    }
}
