package io.keyrenewal.notification.delivery;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Tells the {@link DeliveryDispatcher} that something was queued, so it sends at once instead of at its next look at
 * the outbox. Signals given while it is busy are folded into one.
 */
@Component
class DispatchSignal {

    private final Semaphore queued = new Semaphore(0);

    /** Wakes the dispatcher; within a transaction only once it committed (before that, nothing is due). */
    void queued() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            wake();
        }
    }

    /** Waits until something is queued or {@code timeout} passed; true if woken. */
    boolean await(Duration timeout) throws InterruptedException {
        boolean woken = queued.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        queued.drainPermits();
        return woken;
    }

    private void wake() {
        if (queued.availablePermits() == 0) {
            queued.release();
        }
    }
}
