package io.keyrenewal.renewal.audit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The auditor's checks of the history. */
@RestController
@RequestMapping("/audit")
public class AuditController {

    private final ChainVerification verification;
    private final HistoryExport export;

    public AuditController(ChainVerification verification, HistoryExport export) {
        this.verification = verification;
        this.export = export;
    }

    /** The history of one renewal, or of the whole store, as JSON Lines, streamed. */
    @GetMapping(value = "/export", produces = "application/x-ndjson")
    public StreamingResponseBody export(@RequestParam(required = false) String renewalId) {
        return out -> export.export(renewalId, out);
    }

    /** Verifies the hash chain of one renewal ({@code renewalId}) or of the whole store. */
    @GetMapping("/verification")
    public ChainVerification.Result verify(@RequestParam(required = false) String renewalId) {
        return verification.verify(renewalId);
    }
}
