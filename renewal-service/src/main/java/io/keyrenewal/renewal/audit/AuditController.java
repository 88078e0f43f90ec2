package io.keyrenewal.renewal.audit;

import io.keyrenewal.renewal.query.ReadModelRebuild;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
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
    private final ReadModelRebuild rebuild;

    public AuditController(ChainVerification verification, HistoryExport export, ReadModelRebuild rebuild) {
        this.verification = verification;
        this.export = export;
        this.rebuild = rebuild;
    }

    /** Rebuilds the renewal read model from the event store in the background; answers its progress. */
    @PostMapping("/rebuild")
    public ResponseEntity<ReadModelRebuild.Progress> rebuild() {
        return ResponseEntity.accepted().body(rebuild.start());
    }

    @GetMapping("/rebuild")
    public ReadModelRebuild.Progress rebuildProgress() {
        return rebuild.progress();
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
