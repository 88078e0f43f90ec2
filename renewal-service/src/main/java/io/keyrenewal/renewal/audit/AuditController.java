package io.keyrenewal.renewal.audit;

import io.keyrenewal.renewal.query.ReadModelRebuild;
import io.keyrenewal.renewal.relay.Republish;
import io.keyrenewal.renewal.relay.RepublishRefused;
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
@Tag(name = "Audit", description = "The auditor checks, exports and replays the history")
public class AuditController {

    private static final String NDJSON = "application/x-ndjson";
    private static final String REBUILD_PROGRESS = """
            {"state":"RUNNING","eventsDone":5200,"eventsTotal":12000,"startedAt":"2026-11-22T10:00:00Z",\
            "finishedAt":null,"failure":null}""";
    private static final String REPUBLISH_PROGRESS = """
            {"jobId":"3f9a2c1e-7b4d-4e8a-9c1f-2d3e4f5a6b7c","state":"RUNNING","eventsDone":3,\
            "eventsTotal":12,\
            "selection":{"renewalId":"7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33","from":null,"to":null},\
            "startedAt":"2026-11-22T10:00:00Z","finishedAt":null,"failure":null}""";

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
    @Operation(summary = "Rebuild the renewal read model from the event store", description = "In the background;"
            + " 202 with its progress.")
    @ApiExample(status = 202, response = REBUILD_PROGRESS)
    @PostMapping("/rebuild")
    public ResponseEntity<ReadModelRebuild.Progress> rebuild() {
        return ResponseEntity.accepted().body(rebuild.start());
    }

    @Operation(summary = "Progress of the read model's rebuild")
    @ApiExample(response = REBUILD_PROGRESS)
    @GetMapping("/rebuild")
    public ReadModelRebuild.Progress rebuildProgress() {
        return rebuild.progress();
    }

    /** Sends stored history to renewal.events.v1 again, as the relay sent it, in the background; answers the job. */
    @Operation(summary = "Send stored history to renewal.events.v1 again", description = "One renewal's events, or"
            + " those stored from 'from' (inclusive) to 'to' (exclusive), each as the very record the relay sent; in"
            + " the background, one job at a time. 202 with the job.")
    @ApiExample(status = 202, request = """
            {"renewalId":"7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33"}""", response = REPUBLISH_PROGRESS)
    @Refusal(status = 400, title = "InvalidSelection", detail = "give a renewalId, or a time range: from, to or both")
    @Refusal(status = 409, title = "AlreadyRunning", detail = "republish 3f9a2c1e-7b4d-4e8a-9c1f-2d3e4f5a6b7c of"
            + " renewal 7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33 is still running (3 of 12 events sent); one republish runs"
            + " at a time")
    @PostMapping("/republish")
    public ResponseEntity<Republish.Progress> republish(@RequestBody(required = false) RepublishRequest request) {
        RepublishRequest selection = request == null ? new RepublishRequest(null, null, null) : request;
        return ResponseEntity.accepted().body(republish.start(new Republish.Selection(selection.renewalId(),
                selection.from(), selection.to())));
    }

    @Operation(summary = "Progress of a republish job")
    @ApiExample(response = REPUBLISH_PROGRESS)
    @Refusal(status = 404, title = "UnknownJob", detail = "no republish 3f9a2c1e-7b4d-4e8a-9c1f-2d3e4f5a6b7c (only"
            + " the latest 20 are kept)")
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
    @Operation(summary = "Export the history as JSON Lines", description = "One renewal's history, or the whole"
            + " store's, streamed in store order: one event per line with its hash.")
    @ApiExample(mediaType = NDJSON, response = """
            {"aggregateId":"7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33","sequence":0,\
            "eventId":"0b6f6a0e-3f43-4f1e-9a43-0c1c9f1c2a10","at":"2026-11-22T10:00:00Z","type":"RenewalStarted",\
            "actor":"tenant:operator","step":null,"data":{"alias":"partner-acme-decrypt","partnerId":"acme"},\
            "hash":"9c1f5e0d7a3b2c4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6"}
            """)
    @GetMapping(value = "/export", produces = NDJSON)
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String renewalId) {
        StreamingResponseBody body = out -> export.export(renewalId, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(body);
    }

    /** Verifies the hash chain of one renewal ({@code renewalId}) or of the whole store. */
    @Operation(summary = "Verify the hash chain", description = "Of one renewal, or of the whole store: intact, or the"
            + " first broken link (altered, missing, unlinked).")
    @ApiExample(response = """
            {"intact":true,"eventsChecked":1207,"firstBrokenLink":null}""")
    @GetMapping("/verification")
    public ChainVerification.Result verify(@RequestParam(required = false) String renewalId) {
        return verification.verify(renewalId);
    }
}
