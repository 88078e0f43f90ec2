package io.keyrenewal.renewal.playbook;

/**
 * A command the playbook does not allow. Nothing changed; {@link #getMessage()} says why in words a tenant or partner
 * administrator can act on.
 */
public abstract sealed class RenewalRefused extends RuntimeException
        permits RenewalRefused.StepNotAllowed, RenewalRefused.PartnerMismatch, RenewalRefused.PlaybookNotSupported,
        RenewalRefused.InvalidRenewalRequest {

    protected RenewalRefused(String reason) {
        super(reason, null, false, false);
    }

    /** The step is not one the playbook allows in the renewal's current state. */
    public static final class StepNotAllowed extends RenewalRefused {
        public StepNotAllowed(String reason) {
            super(reason);
        }
    }

    /** A partner confirmed a step of a renewal that is not its own. */
    public static final class PartnerMismatch extends RenewalRefused {
        public PartnerMismatch(String reason) {
            super(reason);
        }
    }

    /** The playbook is known but not runnable yet. */
    public static final class PlaybookNotSupported extends RenewalRefused {
        public PlaybookNotSupported(String reason) {
            super(reason);
        }
    }

    /** A start request with a value the playbook cannot work with. */
    public static final class InvalidRenewalRequest extends RenewalRefused {
        public InvalidRenewalRequest(String reason) {
            super(reason);
        }
    }
}
