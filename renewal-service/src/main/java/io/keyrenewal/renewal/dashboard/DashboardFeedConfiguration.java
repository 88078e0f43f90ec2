package io.keyrenewal.renewal.dashboard;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;

import java.util.List;

/**
 * The dashboard feed's processor: a tracking processor (it wakes as soon as an event is stored; a pooled one would look
 * every 500 ms) with its position in memory, so each instance of the
 * service tails the whole event store for its own clients and nothing is replayed to them later. At start it reads
 * back about the last {@code replay-buffer} stored events, which fill the recent-events list and let browsers that
 * were connected before a restart catch up.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class DashboardFeedConfiguration {

    private static final int BATCH_SIZE = 100;

    @Bean
    ConfigurerModule dashboardFeedProcessor(DashboardProperties properties) {
        return configurer -> configurer.eventProcessing()
                .registerTokenStore(DashboardFeed.PROCESSING_GROUP, config -> new InMemoryTokenStore())
                .registerTrackingEventProcessor(DashboardFeed.PROCESSING_GROUP, Configuration::eventStore,
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                // what is stored together is handed on in one transaction, not one per event
                                .andBatchSize(BATCH_SIZE)
                                .andInitialTrackingToken(source -> latest(source, properties.replayBuffer())));
    }

    /** A position about {@code events} before the head of the store (its tail if it holds fewer). */
    static TrackingToken latest(StreamableMessageSource<TrackedEventMessage<?>> source, int events) {
        TrackingToken head = source.createHeadToken();
        long from = (head == null ? -1 : head.position().orElse(-1)) - events;
        return from < 0 ? source.createTailToken() : GapAwareTrackingToken.newInstance(from, List.of());
    }
}
