package io.keyrenewal.renewal.partner;

import com.fasterxml.jackson.core.type.TypeReference;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Registers the partners of a JSON file ({@code KEYRENEWAL_PARTNERS_SEED_FILE}, an array of partner.directory.v1
 * entries) at start, those not registered yet: the local demo's partners. Of a registered partner only the
 * confirmation keys are taken from the file (the demo partner's key lives in the data folder and may be new).
 */
@Component
public class PartnerSeed {

    private static final Logger log = LoggerFactory.getLogger(PartnerSeed.class);

    private final String seedFile;
    private final PartnerDirectory directory;
    private final CommandGateway commands;

    public PartnerSeed(@Value("${keyrenewal.partners.seed-file:}") String seedFile, PartnerDirectory directory,
                       CommandGateway commands) {
        this.seedFile = seedFile;
        this.directory = directory;
        this.commands = commands;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void registerSeededPartners() {
        if (seedFile.isBlank()) {
            return;
        }
        for (PartnerDirectoryEntry entry : read(Path.of(seedFile))) {
            var registered = directory.find(entry.partnerId());
            if (registered.isEmpty()) {
                commands.sendAndWait(new PartnerCommands.RegisterPartner(entry.partnerId(), entry));
                log.info("Partner {} registered from {}", entry.partnerId(), seedFile);
            } else if (!registered.get().confirmationKeys().equals(entry.confirmationKeys())) {
                PartnerDirectoryEntry rekeyed = new PartnerDirectoryEntry(entry.partnerId(), registered.get().name(),
                        registered.get().contacts(), registered.get().channels(),
                        registered.get().verifiesOldAndNewAtOnce(), entry.updatedAt(), entry.confirmationKeys());
                commands.sendAndWait(new PartnerCommands.ChangePartner(entry.partnerId(), rekeyed));
                log.info("Partner {}: confirmation keys set from {}", entry.partnerId(), seedFile);
            }
        }
    }

    private static List<PartnerDirectoryEntry> read(Path file) {
        try {
            return ContractJson.mapper().readValue(Files.readString(file),
                    new TypeReference<List<PartnerDirectoryEntry>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the partner seed file " + file, e);
        }
    }
}
