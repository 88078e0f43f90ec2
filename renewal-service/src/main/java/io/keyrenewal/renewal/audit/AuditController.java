package io.keyrenewal.renewal.audit;

import io.keyrenewal.renewal.query.ReadModelRebuild;
import io.keyrenewal.renewal.relay.Republish;
import io.keyrenewal.renewal.relay.RepublishRefused;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;

/** The auditor's checks of the history. */
@RestController
@RequestMapping("/audit")
public class AuditController {

    private static final String NDJSON = "application/x-ndjson";

    private final ChainVerification verification;
    private final HistoryExport export;
    private final ReadModelRebuild rebuild;
    private final Republish republish;

    public AuditController(ChainVerification verification, HistoryExport export, ReadModelRebuild rebuild,
                           Republish republish) {
        this.verification = verification;
        this.export = export;
        this.rebuild = rebuild;
        this.republish = republish;
    }

    /** What to send to renewal.events.v1 again: a renewal's history ({@code renewalId}), or a time range. */
    public record RepublishRequest(String renewalId, Instant from, Instant to) {
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

    /** Sends stored history to renewal.events.v1 again, as the relay sent it, in the background; answers the job. */
    @PostMapping("/republish")
    public ResponseEntity<Republish.Progress> republish(@RequestBody(required = false) RepublishRequest request) {
        RepublishRequest selection = request == null ? new RepublishRequest(null, null, null) : request;
        return ResponseEntity.accepted().body(republish.start(new Republish.Selection(selection.renewalId(),
                selection.from(), selection.to())));
    }

    @GetMapping("/republish/{jobId}")
    public Republish.Progress republishProgress(@PathVariable String jobId) {
        return republish.progress(jobId);
    }

    @ExceptionHandler(RepublishRefused.class)
    public ProblemDetail republishRefused(RepublishRefused refusal) {
        HttpStatus status = refusal instanceof RepublishRefused.AlreadyRunning ? HttpStatus.CONFLICT
                : refusal instanceof RepublishRefused.UnknownJob ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, refusal.getMessage());
        problem.setTitle(refusal.getClass().getSimpleName());
        return problem;
    }

    /**
     * The history of one renewal, or of the whole store, as JSON Lines, streamed. The content type is set on the
     * response itself: a {@link StreamingResponseBody} is written without content negotiation, so {@code produces}
     * alone left the answer without one.
     */
    @GetMapping(value = "/export", produces = NDJSON)
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String renewalId) {
        StreamingResponseBody body = out -> export.export(renewalId, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(body);
    }

    /** Verifies the hash chain of one renewal ({@code renewalId}) or of the whole store. */
    @GetMapping("/verification")
    public ChainVerification.Result verify(@RequestParam(required = false) String renewalId) {
        return verification.verify(renewalId);
    }
}
