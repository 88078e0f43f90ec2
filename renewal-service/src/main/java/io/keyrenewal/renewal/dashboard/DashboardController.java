package io.keyrenewal.renewal.dashboard;

import io.keyrenewal.renewal.query.RenewalViewRepository;
import io.keyrenewal.security.apidoc.ApiExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.net.URI;
import java.time.Clock;

/**
 * The live dashboard: the page ({@code /dashboard/}, its scripts beside it in {@code static/dashboard}), the summary
 * it starts from and the stream of renewal events it follows. Every URL the page uses is relative to it.
 */
@RestController
@RequestMapping("/dashboard")
@Tag(name = "Dashboard", description = "The live dashboard: its page, the summary it starts from, its event stream")
public class DashboardController {

    private static final String STATUS = """
            {"renewalId":"7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33","alias":"partner-acme-decrypt","partnerId":"acme",\
            "playbook":"TENANT_DECRYPTS_OUTBOUND_RESPONSE","state":"OPEN","awaiting":["PARTNER_SWITCHED_TO_NEW_KEY"],\
            "nextActors":["partner"],"waitingSince":"2026-11-22T10:00:02Z","lastStep":"CERTIFICATE_PROVIDED",\
            "overdue":false,"escalated":false,"downtimeOverrun":false,"keystoreFailure":null,"partnerRefusal":null,\
            "lastSequence":2}""";
    private static final String EVENT = """
            {"id":"9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d","type":"CertificateProvided",\
            "renewalId":"7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33","sequence":2,"step":"CERTIFICATE_PROVIDED",\
            "at":"2026-11-22T10:00:02Z","actor":"keystore","renewal":""" + STATUS + "}";
    private static final String SUMMARY = """
            {"generatedAt":"2026-11-22T10:05:00Z","openRenewals":1,"byPlaybook":[{"playbook":\
            "TENANT_DECRYPTS_OUTBOUND_RESPONSE","open":1,"steps":[{"step":"PARTNER_SWITCHED_TO_NEW_KEY","open":1}]}],\
            "byNextActor":[{"actor":"partner","open":1}],"late":[],"renewals":[""" + STATUS + "],\"recentEvents\":["
            + EVENT + "],\"lastEventId\":\"9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d\",\"liveClients\":2}";

    private static final Resource PAGE = new ClassPathResource("static/dashboard/index.html");

    private final LiveStream stream;
    private final RenewalViewRepository views;
    private final DashboardProperties properties;
    private final Clock clock;

    public DashboardController(LiveStream stream, RenewalViewRepository views, DashboardProperties properties,
                               Clock clock) {
        this.stream = stream;
        this.views = views;
        this.properties = properties;
        this.clock = clock;
    }

    /** The page lives at {@code /dashboard/} so that its relative URLs resolve beneath it. */
    @Operation(summary = "Redirect to the dashboard's page", description = "302 to dashboard/ (Location header).")
    @ApiExample(status = 302, response = "")
    @GetMapping
    public ResponseEntity<Void> toPage() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("dashboard/")).build();
    }

    @Operation(summary = "The dashboard's page", description = "A browser without a session is sent to the login"
            + " form first.")
    @ApiExample(mediaType = "text/html", response = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>keyrenewal"
            + " dashboard</title>...")
    @GetMapping("/")
    public ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(PAGE);
    }

    @Operation(summary = "What the dashboard starts from", description = "Open renewals by playbook and step, by"
            + " next actor, the late ones, every open one (longest waiting first), the latest events and the id of the"
            + " last one to follow the stream from.")
    @ApiExample(response = SUMMARY)
    @GetMapping("/summary")
    public DashboardSummary summary() {
        LiveStream.Recent recent = stream.recent(properties.recentEvents());
        return DashboardSummary.of(clock.instant(),
                views.find("OPEN", null, null).stream().map(RenewalStatus::of).toList(), recent,
                stream.clientCount());
    }

    /**
     * Every renewal event as it is stored, as JSON ({@link DashboardEvent}). A browser that reconnects sends the
     * {@code Last-Event-ID} header; a first connection may name the last event it has with {@code lastEventId}.
     */
    @Operation(summary = "Renewal events as they are stored (server-sent events)", description = "One message per"
            + " renewal event after its transaction commits: id = the event id, data = one line of JSON (id, type,"
            + " renewalId, sequence, step, at, actor, renewal: where it stands after the event). A comment 'ping'"
            + " keeps the connection; a 'reset' event tells the page to read the summary again.")
    @ApiExample(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, response = "id:9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d\n"
            + "data:" + EVENT + "\n\n")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
                             @RequestParam(name = "lastEventId", required = false) String lastEventId) {
        return stream.subscribe(lastEventIdHeader != null ? lastEventIdHeader : lastEventId);
    }
}
