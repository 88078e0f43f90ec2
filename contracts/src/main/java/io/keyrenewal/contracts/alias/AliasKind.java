package io.keyrenewal.contracts.alias;

/** What an alias of the tenant keystore holds: the tenant's own key pairs, or a partner's certificates. */
public enum AliasKind {
    KEY_PAIR,
    PARTNER_CERTIFICATE
}
