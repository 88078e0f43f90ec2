package io.keyrenewal.contracts.partner;

/**
 * What a partner answers about the step it is asked for (as AS2's Certificate Exchange Messaging answers "Accepted" or
 * "Rejected", and ebCore Agreement Update a response or an exception).
 */
public enum ConfirmationOutcome {
    /** The partner took the step. */
    CONFIRMED,
    /** The partner does not take the step, and says why; the renewal waits for the tenant's decision. */
    REFUSED
}
