package io.keyrenewal.messaging;

import io.keyrenewal.contracts.renewal.RenewalEvent;
import org.slf4j.MDC;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The renewal and the partner a renewal event is about, in the log context (MDC keys {@value #RENEWAL_ID} and
 * {@value #PARTNER_ID}) while a listener handles it, as renewal-service does for its commands and events: every log
 * line names them, and JSON logs carry them as fields. The partner is there where the event names one (the events
 * addressed to the keystore alone, e.g. {@code KeyPairExchangeDecided}, do not). Closing it puts back what was there.
 */
public final class EventLogContext implements AutoCloseable {

    public static final String RENEWAL_ID = "renewalId";
    public static final String PARTNER_ID = "partnerId";

    /** Per event type: its {@code partnerId} record component, if it has one (looked up once). */
    private static final Map<Class<?>, Optional<RecordComponent>> PARTNER = new ConcurrentHashMap<>();

    private final String renewalBefore;
    private final String partnerBefore;

    private EventLogContext(String renewalId, String partnerId) {
        this.renewalBefore = MDC.get(RENEWAL_ID);
        this.partnerBefore = MDC.get(PARTNER_ID);
        put(RENEWAL_ID, renewalId);
        put(PARTNER_ID, partnerId);
    }

    /** The renewal of {@code event} and its partner where it names one. */
    public static EventLogContext of(RenewalEvent event) {
        return new EventLogContext(event.renewalId().value(), partnerOf(event));
    }

    /** A renewal and a partner known otherwise (either may be null). */
    public static EventLogContext of(String renewalId, String partnerId) {
        return new EventLogContext(renewalId, partnerId);
    }

    static String partnerOf(Object event) {
        Optional<RecordComponent> component = PARTNER.computeIfAbsent(event.getClass(), type -> type.isRecord()
                ? Arrays.stream(type.getRecordComponents()).filter(each -> each.getName().equals(PARTNER_ID))
                .findFirst() : Optional.empty());
        if (component.isEmpty()) {
            return null;
        }
        try {
            Object partner = component.get().getAccessor().invoke(event);
            return partner == null ? null : partner.toString();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    @Override
    public void close() {
        put(RENEWAL_ID, renewalBefore);
        put(PARTNER_ID, partnerBefore);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
