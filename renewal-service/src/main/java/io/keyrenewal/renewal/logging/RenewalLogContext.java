package io.keyrenewal.renewal.logging;

import io.keyrenewal.messaging.EventLogContext;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * While a command or an event is handled, the renewal and the partner it is about are in the log context (MDC keys
 * {@value #RENEWAL_ID} and {@value #PARTNER_ID}): each log line says which renewal it concerns, and JSON logs carry
 * them as fields. The renewal is the event's aggregate or the command's {@code renewalId}; the partner is the
 * message's {@code partnerId} where it has one. The previous values are put back afterwards ({@link EventLogContext},
 * which keystore- and notification-service use for the records they handle).
 */
public final class RenewalLogContext<T extends Message<?>> implements MessageHandlerInterceptor<T> {

    public static final String RENEWAL_ID = EventLogContext.RENEWAL_ID;
    public static final String PARTNER_ID = EventLogContext.PARTNER_ID;

    @Override
    public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        Message<?> message = unitOfWork.getMessage();
        Object payload = message.getPayload();
        String renewalId = message instanceof DomainEventMessage<?> event ? event.getAggregateIdentifier()
                : EventLogContext.component(payload, RENEWAL_ID);
        try (EventLogContext context = EventLogContext.of(renewalId, EventLogContext.component(payload, PARTNER_ID))) {
            return interceptorChain.proceed();
        }
    }
}
