package io.keyrenewal.renewal.dashboard;

import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.renewal.query.RenewalViewRepository;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

/**
 * Hands every stored renewal event to the live dashboard, with where its renewal stands. It tails the event store in
 * its own streaming processor ({@link DashboardFeedConfiguration}), after the events are committed, so the write side
 * never waits on it; the read-model rebuild replays the store through a processor of its own and never passes events
 * through it.
 */
@Component
@ProcessingGroup(DashboardFeed.PROCESSING_GROUP)
public class DashboardFeed {

    public static final String PROCESSING_GROUP = "dashboard-feed";

    private final RenewalViewRepository views;
    private final LiveStream stream;

    public DashboardFeed(RenewalViewRepository views, LiveStream stream) {
        this.views = views;
        this.stream = stream;
    }

    @EventHandler
    void on(RenewalEvent event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        stream.publish(DashboardEvent.of(eventId, sequence, event,
                views.findById(event.renewalId().value()).orElse(null)));
    }
}
