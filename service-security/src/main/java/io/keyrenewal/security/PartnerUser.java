package io.keyrenewal.security;

import io.keyrenewal.contracts.PartnerId;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

import java.util.Collection;
import java.util.Optional;

/** A local user; a {@code PARTNER} user also names the partner it speaks for. */
public final class PartnerUser extends User {

    private final PartnerId partnerId;

    PartnerUser(String username, String password, Collection<? extends GrantedAuthority> authorities,
                PartnerId partnerId) {
        super(username, password, authorities);
        this.partnerId = partnerId;
    }

    public Optional<PartnerId> partnerId() {
        return Optional.ofNullable(partnerId);
    }
}
