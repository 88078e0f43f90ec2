package io.keyrenewal.renewal.confirmation;

/** A partner confirmation that was not applied; the renewal is unchanged and the rejection is in its history. */
public class ConfirmationRejected extends RuntimeException {

    /** Why, in the terms a REST answer needs. */
    public enum Kind {
        /** Unreadable, too large, a field missing or the record key not the renewal id. */
        MALFORMED,
        /** Not signed, or not by a key the partner registered. */
        UNAUTHENTICATED,
        /** Signed by a partner who may not confirm this (another partner's renewal, another partner's name). */
        FORBIDDEN,
        /** No renewal has this id. */
        UNKNOWN_RENEWAL,
        /** The renewal does not allow it now (step not allowed, stale time, closed renewal). */
        REFUSED
    }

    private final Kind kind;

    public ConfirmationRejected(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
