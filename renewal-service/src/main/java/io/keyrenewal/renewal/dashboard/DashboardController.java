package io.keyrenewal.renewal.dashboard;

import io.keyrenewal.renewal.query.RenewalViewRepository;
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
public class DashboardController {

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
    @GetMapping
    public ResponseEntity<Void> toPage() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("dashboard/")).build();
    }

    @GetMapping("/")
    public ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(PAGE);
    }

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
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
                             @RequestParam(name = "lastEventId", required = false) String lastEventId) {
        return stream.subscribe(lastEventIdHeader != null ? lastEventIdHeader : lastEventId);
    }
}
