package io.keyrenewal.renewal.web;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.renewal.partner.PartnerDirectory;
import io.keyrenewal.renewal.playbook.Commands;
import io.keyrenewal.renewal.playbook.PlaybookChoice;
import io.keyrenewal.renewal.query.OpenRenewalAliases;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Objects;

/**
 * The start of a renewal, as {@code POST /renewals} and the expiry watch make it: the alias is claimed and the
 * renewal started in one transaction (joining the caller's, where it has one), or neither.
 */
@Component
public class RenewalStarts {

    private final CommandGateway commands;
    private final OpenRenewalAliases openAliases;
    private final PartnerDirectory partners;
    private final TransactionTemplate transaction;

    public RenewalStarts(CommandGateway commands, OpenRenewalAliases openAliases, PartnerDirectory partners,
                         TransactionTemplate transaction) {
        this.commands = commands;
        this.openAliases = openAliases;
        this.partners = partners;
        this.transaction = transaction;
    }

    /** Starts renewal {@code renewalId} as {@code request} asks, at {@code at}; a refusal changes nothing. */
    public void start(RenewalId renewalId, StartRenewalRequest request, Instant at) {
        transaction.executeWithoutResult(status -> {
            openAliases.claim(request.alias(), renewalId.value());
            commands.sendAndWait(new Commands.StartRenewal(renewalId, request.alias(),
                    new PartnerId(request.partnerId()),
                    playbookFor(request),
                    request.guaranteedDeliveryTime(),
                    Objects.requireNonNullElse(request.keyAlgorithm(), KeyAlgorithm.DEFAULT),
                    Objects.requireNonNullElse(request.exchangeApproval(), ExchangeApproval.TENANT_APPROVES),
                    request.subjectDn() == null ? null : request.subjectDn().strip(), request.validityDays(),
                    Objects.requireNonNullElse(request.certificateSource(), CertificateSource.DEFAULT),
                    at));
        });
    }

    /** The playbook named, else the one the catalogue has for the purpose (and the partner's capability). */
    public Playbook playbookFor(StartRenewalRequest request) {
        return PlaybookChoice.of(request.playbook(), request.purpose(), new PartnerId(request.partnerId()),
                partners::find).definition().playbook();
    }
}
