package io.keyrenewal.renewal.web;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.renewal.playbook.Commands.StartRenewal;
import io.keyrenewal.renewal.query.RenewalView;
import io.keyrenewal.renewal.query.RenewalViewRepository;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The tenant administrator's REST API for renewals. */
@RestController
@RequestMapping("/renewals")
public class RenewalController {

    private static final Logger log = LoggerFactory.getLogger(RenewalController.class);

    private final CommandGateway commands;
    private final RenewalViewRepository views;
    private final EventStore eventStore;
    private final Clock clock;

    public RenewalController(CommandGateway commands, RenewalViewRepository views, EventStore eventStore,
                             Clock clock) {
        this.commands = commands;
        this.views = views;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    public record Started(String renewalId) {
    }

    /** One event of the renewal's history, as stored. */
    public record HistoryEntry(long sequence, String eventId, String type, Instant at) {
    }

    public record RenewalDetail(RenewalView renewal, List<HistoryEntry> history) {
    }

    @PostMapping
    public ResponseEntity<Started> start(@Valid @RequestBody StartRenewalRequest request) {
        RenewalId renewalId = RenewalId.random();
        commands.sendAndWait(new StartRenewal(renewalId, request.alias(), new PartnerId(request.partnerId()),
                Objects.requireNonNullElse(request.playbook(), Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE),
                request.guaranteedDeliveryTime(),
                Objects.requireNonNullElse(request.keyAlgorithm(), KeyAlgorithm.DEFAULT), clock.instant()));
        log.info("Renewal {} started for alias {} with partner {}", renewalId, request.alias(), request.partnerId());
        return ResponseEntity.created(URI.create("/renewals/" + renewalId)).body(new Started(renewalId.value()));
    }

    @GetMapping("/{renewalId}")
    public RenewalDetail get(@PathVariable String renewalId) {
        RenewalView view = views.findById(renewalId).orElseThrow(() -> new UnknownRenewal(renewalId));
        List<HistoryEntry> history = eventStore.readEvents(renewalId).asStream()
                .map(event -> new HistoryEntry(event.getSequenceNumber(), event.getIdentifier(),
                        event.getPayloadType().getSimpleName(), event.getTimestamp()))
                .toList();
        return new RenewalDetail(view, history);
    }

    /** No renewal has this id. */
    public static class UnknownRenewal extends RuntimeException {
        public UnknownRenewal(String renewalId) {
            super("no renewal with id " + renewalId);
        }
    }
}
