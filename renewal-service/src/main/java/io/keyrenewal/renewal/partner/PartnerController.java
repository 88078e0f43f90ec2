package io.keyrenewal.renewal.partner;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.partner.ConfirmationKey;
import io.keyrenewal.contracts.partner.PartnerChannels;
import io.keyrenewal.contracts.partner.PartnerContact;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.renewal.playbook.RenewalRefused;
import io.keyrenewal.renewal.web.ApiExamples;
import io.keyrenewal.security.apidoc.ApiExample;
import io.keyrenewal.security.apidoc.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The tenant administrator registers partners once; every change is an event and reaches partner.directory.v1. */
@RestController
@RequestMapping("/partners")
@Tag(name = "Partners", description = "The partner directory: registered once, every change an event")
public class PartnerController {

    private final CommandGateway commands;
    private final PartnerDirectory directory;
    private final Clock clock;

    public PartnerController(CommandGateway commands, PartnerDirectory directory, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * A partner's details; no secret belongs here (webhook secrets stay with notification-service). The
     * confirmation keys are the public keys the partner signs its confirmations with.
     */
    public record PartnerRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 letters, digits, '.', '_' or '-'")
            String partnerId,
            @NotBlank String name,
            List<@Valid PartnerContact> contacts,
            @NotNull PartnerChannels channels,
            boolean verifiesOldAndNewAtOnce,
            List<@Valid @NotNull ConfirmationKey> confirmationKeys) {
    }

    @Operation(summary = "Register a partner", description = "No secret belongs here; the confirmation keys are the"
            + " public keys the partner signs its confirmations with. 201 with Location.")
    @ApiExample(status = 201, request = ApiExamples.PARTNER, response = ApiExamples.PARTNER_ENTRY)
    @Refusal(status = 400, title = "Invalid request", detail = "confirmationKeys: key id acme-2026 is given twice")
    @Refusal(status = 409, title = "StepNotAllowed", detail = "partner acme is already registered: PUT /partners/acme"
            + " changes it")
    @PostMapping
    public ResponseEntity<PartnerDirectoryEntry> register(@Valid @RequestBody PartnerRequest request) {
        PartnerId partnerId = new PartnerId(request.partnerId());
        if (directory.find(partnerId).isPresent()) {
            throw new RenewalRefused.StepNotAllowed("partner " + partnerId + " is already registered: PUT /partners/"
                    + partnerId + " changes it");
        }
        PartnerDirectoryEntry entry = entry(partnerId, request);
        commands.sendAndWait(new PartnerCommands.RegisterPartner(partnerId, entry));
        return ResponseEntity.created(URI.create("/partners/" + partnerId)).body(entry);
    }

    @Operation(summary = "Change a partner", description = "The whole entry, as registered; partnerId as in the path.")
    @ApiExample(request = ApiExamples.PARTNER, response = ApiExamples.PARTNER_ENTRY)
    @Refusal(status = 400, title = "Invalid request", detail = "partnerId in the body must be acme")
    @Refusal(status = 404, title = "Unknown partner", detail = "no partner with id acme is registered")
    @PutMapping("/{partnerId}")
    public PartnerDirectoryEntry change(@PathVariable String partnerId, @Valid @RequestBody PartnerRequest request) {
        PartnerId id = new PartnerId(partnerId);
        if (!id.value().equals(request.partnerId())) {
            throw new IllegalArgumentException("partnerId in the body must be " + partnerId);
        }
        directory.find(id).orElseThrow(() -> new UnknownPartner(partnerId));
        commands.sendAndWait(new PartnerCommands.ChangePartner(id, entry(id, request)));
        return directory.find(id).orElseThrow();
    }

    @Operation(summary = "List the partner directory")
    @ApiExample(response = "[" + ApiExamples.PARTNER_ENTRY + "]")
    @GetMapping
    public List<PartnerDirectoryEntry> list() {
        return directory.all();
    }

    @Operation(summary = "Read a partner")
    @ApiExample(response = ApiExamples.PARTNER_ENTRY)
    @Refusal(status = 404, title = "Unknown partner", detail = "no partner with id acme is registered")
    @GetMapping("/{partnerId}")
    public PartnerDirectoryEntry get(@PathVariable String partnerId) {
        return directory.find(new PartnerId(partnerId)).orElseThrow(() -> new UnknownPartner(partnerId));
    }

    private PartnerDirectoryEntry entry(PartnerId partnerId, PartnerRequest request) {
        List<ConfirmationKey> keys = request.confirmationKeys() == null ? List.of() : request.confirmationKeys();
        Set<String> kids = new HashSet<>();
        for (ConfirmationKey key : keys) {
            if (!kids.add(key.kid())) {
                throw new IllegalArgumentException("confirmationKeys: key id " + key.kid() + " is given twice");
            }
            key.toPublicKey(); // refuses, with the reason, a key that does not suit its algorithm
        }
        return new PartnerDirectoryEntry(partnerId, request.name(), request.contacts(), request.channels(),
                request.verifiesOldAndNewAtOnce(), clock.instant(), keys);
    }

    /** No partner has this id. */
    public static class UnknownPartner extends RuntimeException {
        public UnknownPartner(String partnerId) {
            super("no partner with id " + partnerId + " is registered");
        }
    }
}
