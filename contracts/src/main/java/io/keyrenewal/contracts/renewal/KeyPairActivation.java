package io.keyrenewal.contracts.renewal;

/**
 * What the keystore does with a renewal's new key pair, as the renewal's playbook decides it: the keystore carries it
 * out without knowing the playbook.
 */
public enum KeyPairActivation {
    /** Kept staged beside the active key pair until the renewal decides the exchange (signing keys). */
    STAGED_UNTIL_EXCHANGE,
    /** The alias's key at once, the old one archived beside it so both decrypt (decryption keys). */
    ACTIVE_AT_ONCE;

    /** What renewals stored before the instruction existed meant: only the decryption playbook activated at once. */
    static KeyPairActivation before(Playbook playbook) {
        return playbook == Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE ? ACTIVE_AT_ONCE : STAGED_UNTIL_EXCHANGE;
    }
}
