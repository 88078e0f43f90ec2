package io.keyrenewal.renewal.playbook;

/** Where a renewal of playbook 3 stands, and who must act next. */
public enum RenewalStep {
    /** Waiting for the keystore to generate the new key pair (step 1-2). */
    AWAITING_NEW_KEY_PAIR("keystore"),
    /** The receiver has the new certificate; waiting for it to switch and confirm (steps 4-6). */
    AWAITING_PARTNER_SWITCH("partner"),
    /** The old key pair is retained until the retention deadline (step 7 waits). */
    RETAINING_OLD_KEY_PAIR("system"),
    /** Removal decided; waiting for the keystore to remove the old key pair. */
    AWAITING_OLD_KEY_PAIR_REMOVAL("keystore"),
    COMPLETED("nobody");

    private final String nextActor;

    RenewalStep(String nextActor) {
        this.nextActor = nextActor;
    }

    public String nextActor() {
        return nextActor;
    }
}
