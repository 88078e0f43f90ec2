package io.keyrenewal.messaging;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The retries of a failure of unknown kind: a few, growing 1.5 times each, then the dead-letter topic; but an attempt
 * made while the database does not answer is not counted, it waits as long as a transient failure would. An outage
 * surfaces in more shapes than any list of exceptions names (a wrapper that dropped its cause); a record must not be
 * dead-lettered for it.
 */
final class UnknownFailureBackOff implements BackOff {

    static final double MULTIPLIER = 1.5;

    private final long initialInterval;
    private final int attempts;
    private final BackOff whileDatabaseIsDown;
    private final DatabaseProbe database;

    UnknownFailureBackOff(long initialInterval, int attempts, BackOff whileDatabaseIsDown, DatabaseProbe database) {
        this.initialInterval = initialInterval;
        this.attempts = attempts;
        this.whileDatabaseIsDown = whileDatabaseIsDown;
        this.database = database;
    }

    @Override
    public BackOffExecution start() {
        BackOffExecution outage = whileDatabaseIsDown.start();
        return new BackOffExecution() {
            private int counted;
            private double interval = initialInterval;

            @Override
            public long nextBackOff() {
                if (!database.answers()) {
                    return outage.nextBackOff();
                }
                if (counted >= attempts) {
                    return STOP;
                }
                counted++;
                long next = (long) interval;
                interval *= MULTIPLIER;
                return next;
            }
        };
    }
}
