package io.keyrenewal.keystore.web;

import io.keyrenewal.keystore.store.TenantKeystore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Read-only view of the tenant keystore: entries and their certificates, never a private key. */
@RestController
@RequestMapping("/keystore/entries")
class KeystoreEntriesController {

    static final MediaType PEM_FILE = MediaType.parseMediaType("application/x-pem-file");

    private final TenantKeystore keystore;

    KeystoreEntriesController(TenantKeystore keystore) {
        this.keystore = keystore;
    }

    @GetMapping
    List<EntryView> entries() {
        return keystore.entries().stream().map(EntryView::of).toList();
    }

    @GetMapping("/{entryName}/certificate")
    ResponseEntity<String> certificate(@PathVariable String entryName) {
        return keystore.entry(entryName)
                .map(entry -> ResponseEntity.ok().contentType(PEM_FILE).body(entry.certificate().pem()))
                .orElseThrow(() -> new UnknownEntry(entryName));
    }

    @ExceptionHandler(UnknownEntry.class)
    ProblemDetail unknownEntry(UnknownEntry unknown) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, unknown.getMessage());
        problem.setTitle("Unknown keystore entry");
        return problem;
    }

    static class UnknownEntry extends RuntimeException {

        UnknownEntry(String entryName) {
            super("the keystore has no entry named '" + entryName + "'");
        }
    }
}
