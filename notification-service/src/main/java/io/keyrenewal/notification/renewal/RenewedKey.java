package io.keyrenewal.notification.renewal;

import io.keyrenewal.contracts.renewal.KeyPairActivation;

/**
 * What a renewal renews, as its events say it, so that the messages it shares with the other kind describe the right
 * key: the tenant's key pair (its certificate goes to the partner) or the partner's certificate (the partner sends
 * it and the tenant's keystore imports it).
 */
public enum RenewedKey {
    TENANT_KEY_PAIR,
    PARTNER_CERTIFICATE;

    /** From {@code RenewalStarted.newKeyPair()}: no key pair of the tenant's means the partner's certificate. */
    public static RenewedKey of(KeyPairActivation newKeyPair) {
        return newKeyPair == KeyPairActivation.NONE ? PARTNER_CERTIFICATE : TENANT_KEY_PAIR;
    }
}
