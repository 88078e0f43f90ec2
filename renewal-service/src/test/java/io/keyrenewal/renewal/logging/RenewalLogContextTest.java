package io.keyrenewal.renewal.logging;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.renewal.playbook.Commands.ConfirmPartnerStep;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RenewalLogContextTest {

    static final RenewalId RENEWAL = new RenewalId("7d1f9a52-0c7e-4c8e-9a3f-2b6b1d9e4a10");
    static final PartnerId ACME = new PartnerId("acme");
    static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void anEventIsHandledWithItsRenewalAndPartnerInTheLogContextAndThePreviousContextComesBack() throws Exception {
        MDC.put(RenewalLogContext.RENEWAL_ID, "outer");
        Message<?> event = new GenericDomainEventMessage<>("Renewal", RENEWAL.value(), 3,
                new PartnerVerifiesBoth(RENEWAL, ACME, "c-1", AT));

        Map<String, String> seen = handle(event);

        assertThat(seen).containsEntry(RenewalLogContext.RENEWAL_ID, RENEWAL.value())
                .containsEntry(RenewalLogContext.PARTNER_ID, "acme");
        assertThat(MDC.get(RenewalLogContext.RENEWAL_ID)).isEqualTo("outer");
        assertThat(MDC.get(RenewalLogContext.PARTNER_ID)).isNull();
    }

    @Test
    void aCommandIsHandledWithTheRenewalItTargets() throws Exception {
        Message<?> command = GenericCommandMessage.asCommandMessage(new ConfirmPartnerStep(RENEWAL, "c-2", ACME,
                ConfirmationType.VERIFIES_BOTH, AT, Duration.ofMinutes(5), AT, AT));

        assertThat(handle(command)).containsEntry(RenewalLogContext.RENEWAL_ID, RENEWAL.value())
                .containsEntry(RenewalLogContext.PARTNER_ID, "acme");
        assertThat(handle(GenericCommandMessage.asCommandMessage("not a record")))
                .doesNotContainKeys(RenewalLogContext.RENEWAL_ID, RenewalLogContext.PARTNER_ID);
    }

    private static Map<String, String> handle(Message<?> message) throws Exception {
        Map<String, String> seen = new HashMap<>();
        DefaultUnitOfWork<Message<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        unitOfWork.executeWithResult(() -> new RenewalLogContext<>().handle(unitOfWork, () -> {
            Map<String, String> context = MDC.getCopyOfContextMap();
            if (context != null) {
                seen.putAll(context);
            }
            return null;
        }));
        return seen;
    }
}
