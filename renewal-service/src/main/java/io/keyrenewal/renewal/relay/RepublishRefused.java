package io.keyrenewal.renewal.relay;

/** A republish request that was not started, or a job that is not known; {@link #getMessage()} says why. */
public abstract sealed class RepublishRefused extends RuntimeException
        permits RepublishRefused.InvalidSelection, RepublishRefused.AlreadyRunning, RepublishRefused.UnknownJob {

    protected RepublishRefused(String reason) {
        super(reason, null, false, false);
    }

    /** The selection names no history to send: no renewal and no time, an unknown renewal, from not before to. */
    public static final class InvalidSelection extends RepublishRefused {
        public InvalidSelection(String reason) {
            super(reason);
        }
    }

    /** One republish runs at a time. */
    public static final class AlreadyRunning extends RepublishRefused {
        public AlreadyRunning(String reason) {
            super(reason);
        }
    }

    /** No job of that id (or it was long ago: only the latest jobs are kept). */
    public static final class UnknownJob extends RepublishRefused {
        public UnknownJob(String reason) {
            super(reason);
        }
    }
}
