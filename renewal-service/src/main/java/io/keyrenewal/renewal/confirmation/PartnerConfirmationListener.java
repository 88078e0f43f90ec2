package io.keyrenewal.renewal.confirmation;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.renewal.messaging.IncomingRecords;
import io.keyrenewal.renewal.playbook.Commands;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** Turns a partner's confirmation into the command of its step; the renewal decides whether it applies. */
@Component
public class PartnerConfirmationListener {

    private static final Logger log = LoggerFactory.getLogger(PartnerConfirmationListener.class);

    private final CommandGateway commands;
    private final Clock clock;

    public PartnerConfirmationListener(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.PARTNER_CONFIRMATIONS, groupId = "renewal-service")
    public void on(ConsumerRecord<String, String> record) {
        PartnerConfirmation confirmation = ContractJson.read(record.value(), PartnerConfirmation.class);
        IncomingRecords.requireKeyMatches(record, confirmation.renewalId().value());
        log.info("Partner {} confirms {} ({}) for renewal {}", confirmation.partnerId(), confirmation.type(),
                confirmation.confirmationId(), confirmation.renewalId());
        commands.sendAndWait(new Commands.ConfirmPartnerStep(confirmation.renewalId(),
                confirmation.confirmationId(), confirmation.partnerId(), confirmation.type(), clock.instant()));
    }
}
