package io.keyrenewal.renewal.playbook;

/**
 * A command the playbook does not allow. Nothing changed; {@link #getMessage()} says why in words a tenant or partner
 * administrator can act on.
 */
public abstract sealed class RenewalRefused extends RuntimeException
        permits RenewalRefused.StepNotAllowed, RenewalRefused.PartnerMismatch, RenewalRefused.PlaybookNotSupported,
        RenewalRefused.InvalidRenewalRequest, RenewalRefused.RetentionNotElapsed, RenewalRefused.RenewalClosed,
        RenewalRefused.AliasInRenewal, RenewalRefused.StaleConfirmation {

    protected RenewalRefused(String reason) {
        super(reason, null, false, false);
    }

    /** The step is not one the playbook allows in the renewal's current state. */
    public static final class StepNotAllowed extends RenewalRefused {
        public StepNotAllowed(String reason) {
            super(reason);
        }
    }

    /** A partner's confirmation carries a time too far from the time it arrived (a replay or a wrong clock). */
    public static final class StaleConfirmation extends RenewalRefused {
        public StaleConfirmation(String reason) {
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

    /** The old key pair may still be needed: the retention period is not over. */
    public static final class RetentionNotElapsed extends RenewalRefused {
        public RetentionNotElapsed(String reason) {
            super(reason);
        }
    }

    /** The renewal is over (completed, aborted or rolled back): it takes no more steps. */
    public static final class RenewalClosed extends RenewalRefused {
        public RenewalClosed(String reason) {
            super(reason);
        }
    }

    /** Another renewal of the same alias is still open. */
    public static final class AliasInRenewal extends RenewalRefused {
        public AliasInRenewal(String reason) {
            super(reason);
        }
    }
}
