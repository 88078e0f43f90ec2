package io.keyrenewal.contracts.renewal;

/**
 * What the keystore does with a renewal's new key pair, as the renewal's playbook decides it: the keystore carries it
 * out without knowing the playbook.
 */
public enum KeyPairActivation {
    /** Kept staged beside the active key pair until the renewal decides the exchange (signing keys). */
    STAGED_UNTIL_EXCHANGE,
    /** The alias's key at once, the old one archived beside it so both decrypt (decryption keys). */
    ACTIVE_AT_ONCE,
    /**
     * No key pair of the tenant's: the renewal renews a partner's certificate, which the partner sends and the
     * keystore imports under the alias ({@link PartnerCertificateReceived}).
     */
    NONE;

    /** What renewals stored before the instruction existed meant: only the decryption playbook activated at once. */
    static KeyPairActivation before(Playbook playbook) {
        return switch (playbook) {
            case TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME ->
                    STAGED_UNTIL_EXCHANGE;
            case TENANT_DECRYPTS_OUTBOUND_RESPONSE -> ACTIVE_AT_ONCE;
            default -> throw new IllegalArgumentException("a renewal of " + playbook + " (a playbook added after the"
                    + " field) always carries its new key pair's activation");
        };
    }
}
