package io.keyrenewal.renewal.security;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.security.PartnerUser;
import io.keyrenewal.security.SecuritySettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Who is calling: the authenticated user's name and, for partners, the partner they speak for. */
@Component
public class Callers {

    private final String partnerIdClaim;

    public Callers(SecuritySettings settings) {
        this.partnerIdClaim = settings.partnerIdClaim();
    }

    /** The calling user's name, as the history records who took a tenant step. */
    public static String name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication.getName() == null) {
            throw new IllegalStateException("no authenticated caller");
        }
        return authentication.getName();
    }

    /** The partner a {@code PARTNER} caller speaks for. */
    public Optional<PartnerId> partner() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return Optional.empty();
        }
        Object principal = authentication.getPrincipal();
        if (principal instanceof PartnerUser user) {
            return user.partnerId();
        }
        if (principal instanceof Jwt jwt) {
            return Optional.ofNullable(jwt.getClaimAsString(partnerIdClaim)).filter(id -> !id.isBlank())
                    .map(PartnerId::new);
        }
        return Optional.empty();
    }
}
