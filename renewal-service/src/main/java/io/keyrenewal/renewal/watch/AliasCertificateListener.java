package io.keyrenewal.renewal.watch;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MalformedMessage;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.alias.AliasCertificate;
import io.keyrenewal.renewal.watch.WatchCommands.WatchCertificate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Hands each alias's current certificate, as the keystore publishes it, to the alias's watch. The watch ignores what
 * it knows already (the same certificate, an older record), so a record read twice changes nothing.
 */
@Component
public class AliasCertificateListener {

    private final CommandGateway commands;

    public AliasCertificateListener(CommandGateway commands) {
        this.commands = commands;
    }

    @KafkaListener(topics = Topics.ALIAS_CERTIFICATES, groupId = "renewal-service")
    public void on(ConsumerRecord<String, String> record) {
        AliasCertificate published = ContractJson.read(record.value(), AliasCertificate.class);
        if (!published.alias().equals(record.key())) {
            throw new MalformedMessage("record key '" + record.key() + "' does not match alias '"
                    + published.alias() + "' of the body", null);
        }
        commands.sendAndWait(new WatchCertificate(published.alias(), published.kind(), published.certificate(),
                published.version(), published.at()));
    }
}
