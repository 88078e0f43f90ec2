package io.keyrenewal.renewal.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Links every stored event to the one before it in its aggregate, in the transaction that stores it (subscribing
 * processor), so the chain is complete whenever the events are.
 */
@Component
@ProcessingGroup(EventChain.PROCESSING_GROUP)
public class EventChain {

    public static final String PROCESSING_GROUP = "event-chain";

    private final JdbcTemplate jdbc;
    private final Serializer eventSerializer;

    public EventChain(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.jdbc = jdbc;
        this.eventSerializer = eventSerializer;
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> event) {
        String previous = event.getSequenceNumber() == 0 ? ChainLink.GENESIS : jdbc.queryForObject(
                "select hash from event_chain where aggregate_identifier = ? and sequence_number = ?", String.class,
                event.getAggregateIdentifier(), event.getSequenceNumber() - 1);
        SerializedObject<byte[]> stored = event.serializePayload(eventSerializer, byte[].class);
        String hash = ChainLink.hash(previous, event.getIdentifier(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event.getTimestamp(), stored.getType().getName(),
                stored.getType().getRevision(), stored.getData());
        jdbc.update("insert into event_chain (aggregate_identifier, sequence_number, event_identifier, previous_hash,"
                        + " hash) values (?, ?, ?, ?, ?)", event.getAggregateIdentifier(), event.getSequenceNumber(),
                event.getIdentifier(), previous, hash);
    }
}
