package io.keyrenewal.renewal.logging;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * While a command or an event is handled, the renewal and the partner it is about are in the log context (MDC keys
 * {@value #RENEWAL_ID} and {@value #PARTNER_ID}): each log line says which renewal it concerns, and JSON logs carry
 * them as fields. The renewal is the event's aggregate or the command's {@code renewalId}; the partner is the
 * message's {@code partnerId} where it has one. The previous values are put back afterwards.
 */
public final class RenewalLogContext<T extends Message<?>> implements MessageHandlerInterceptor<T> {

    public static final String RENEWAL_ID = "renewalId";
    public static final String PARTNER_ID = "partnerId";

    /** Per payload class: its record component of that name, if any (looked up once). */
    private static final Map<Class<?>, Map<String, Optional<RecordComponent>>> COMPONENTS = new ConcurrentHashMap<>();

    @Override
    public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        Message<?> message = unitOfWork.getMessage();
        Object payload = message.getPayload();
        String renewalId = message instanceof DomainEventMessage<?> event ? event.getAggregateIdentifier()
                : component(payload, RENEWAL_ID);
        String partnerId = component(payload, PARTNER_ID);
        String renewalBefore = MDC.get(RENEWAL_ID);
        String partnerBefore = MDC.get(PARTNER_ID);
        put(RENEWAL_ID, renewalId);
        put(PARTNER_ID, partnerId);
        try {
            return interceptorChain.proceed();
        } finally {
            put(RENEWAL_ID, renewalBefore);
            put(PARTNER_ID, partnerBefore);
        }
    }

    /** The value of the payload's record component {@code name} as text (ids print their value), or null. */
    static String component(Object payload, String name) {
        if (payload == null || !payload.getClass().isRecord()) {
            return null;
        }
        Optional<RecordComponent> component = COMPONENTS.computeIfAbsent(payload.getClass(), type ->
                new ConcurrentHashMap<>()).computeIfAbsent(name, wanted -> java.util.Arrays.stream(
                payload.getClass().getRecordComponents()).filter(candidate -> candidate.getName().equals(wanted))
                .findFirst());
        if (component.isEmpty()) {
            return null;
        }
        try {
            Object value = component.get().getAccessor().invoke(payload);
            return value == null ? null : value.toString();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
