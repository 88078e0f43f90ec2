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

    /** Per message type: its record component of a name, if any (looked up once). */
    private static final Map<Class<?>, Map<String, Optional<RecordComponent>>> COMPONENTS = new ConcurrentHashMap<>();

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
        return new EventLogContext(event.renewalId().value(), component(event, PARTNER_ID));
    }

    /** A renewal and a partner known otherwise (either may be null). */
    public static EventLogContext of(String renewalId, String partnerId) {
        return new EventLogContext(renewalId, partnerId);
    }

    /** The value of a record's component {@code name} as text (ids print their value), or null if it has none. */
    public static String component(Object message, String name) {
        if (message == null || !message.getClass().isRecord()) {
            return null;
        }
        Optional<RecordComponent> component = COMPONENTS.computeIfAbsent(message.getClass(),
                type -> new ConcurrentHashMap<>()).computeIfAbsent(name, wanted -> Arrays.stream(
                message.getClass().getRecordComponents()).filter(each -> each.getName().equals(wanted)).findFirst());
        if (component.isEmpty()) {
            return null;
        }
        try {
            Object value = component.get().getAccessor().invoke(message);
            return value == null ? null : value.toString();
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
