package io.keyrenewal.renewal.playbook;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.playbook.PlaybookDefinition;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.Playbook;

import java.util.Optional;
import java.util.function.Function;

/**
 * The playbook a start request follows, and how it was chosen: the one it names, else the catalogue's for its purpose
 * ({@code DECRYPT_OUTBOUND_RESPONSE} when it names none) and, where the catalogue has one per capability, the partner's
 * registered capability. The start and its dry run choose alike, and refuse alike.
 *
 * @param partnerUsesBothKeys the partner's capability where it was asked; null where the playbook was named or the
 *                            purpose has one playbook for any partner
 */
public record PlaybookChoice(PlaybookDefinition definition, How how, KeyPurpose purpose, Boolean partnerUsesBothKeys) {

    /** How the playbook was chosen. */
    public enum How { NAMED, PURPOSE, PURPOSE_AND_CAPABILITY }

    /**
     * @param partners the partner directory
     * @throws RenewalRefused.InvalidRenewalRequest the capability must choose and the partner is not registered
     * @throws RenewalRefused.PlaybookNotSupported  the catalogue has no such playbook, or none for the purpose and the
     *                                              partner's capability
     */
    public static PlaybookChoice of(Playbook named, KeyPurpose purpose, PartnerId partnerId,
                                    Function<PartnerId, Optional<PartnerDirectoryEntry>> partners) {
        try {
            if (named != null) {
                return new PlaybookChoice(Playbooks.of(named), How.NAMED, purpose, null);
            }
            KeyPurpose forPurpose = purpose == null ? KeyPurpose.DECRYPT_OUTBOUND_RESPONSE : purpose;
            Boolean[] asked = {null};
            PlaybookDefinition definition = Playbooks.forPurpose(forPurpose, () -> {
                asked[0] = partners.apply(partnerId).orElseThrow(() -> new RenewalRefused.InvalidRenewalRequest(
                        "partner " + partnerId + " is not registered, so its capability cannot choose the playbook:"
                                + " register it (POST /partners) or name the playbook")).verifiesOldAndNewAtOnce();
                return asked[0];
            });
            return new PlaybookChoice(definition, asked[0] == null ? How.PURPOSE : How.PURPOSE_AND_CAPABILITY,
                    forPurpose, asked[0]);
        } catch (Playbooks.NotInCatalogue missing) {
            throw new RenewalRefused.PlaybookNotSupported(missing.getMessage());
        }
    }
}
