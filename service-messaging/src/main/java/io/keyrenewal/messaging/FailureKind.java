package io.keyrenewal.messaging;

/** What a failure to handle a record says about the record, and so what the consumer does with it. */
public enum FailureKind {

    /**
     * Something the record needs is unavailable for a while (database, broker, a lock, a concurrent writer): the
     * record would succeed later. The consumer waits and retries it with backoff, for as long as it takes; it is
     * never dead-lettered.
     */
    TRANSIENT,

    /**
     * The record can never be applied (unreadable, unsigned, refused by the playbook or the keystore's rules): it
     * goes to {@code <topic>.dlt} at once, with the reason, and the consumer moves on.
     */
    PERMANENT,

    /**
     * Neither of the above, most likely a bug: retried a few times, then dead-lettered with the reason, so one
     * record cannot stop its partition. An operator replays it once the bug is fixed.
     */
    UNKNOWN
}
