package io.keyrenewal.renewal.deadline;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import java.time.Duration;

/**
 * Runs a deadline whose handler failed again soon, then less and less often: {@code first}, twice that, four times,
 * and so on up to {@code max} between tries. A deadline fails for a passing reason (its database went away while it
 * ran) far more often than for one that lasts, and db-scheduler's one-time tasks would wait 5 minutes
 * ({@code OnFailureRetryLater}) before trying again; db-scheduler's {@code ExponentialBackoffFailureHandler} has no
 * ceiling, which is why this one is written here (a few lines).
 */
public final class RetrySoonAfterFailure<T> implements FailureHandler<T> {

    private final Duration first;
    private final Duration max;

    RetrySoonAfterFailure(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("retry after " + first + ", at most " + max
                    + ": both positive, the first not longer than the most");
        }
        this.first = first;
        this.max = max;
    }

    /** {@code task} as it is, but tried again after a failure as this handler says. */
    static <T> OneTimeTask<T> retrying(Task<T> task, Duration first, Duration max) {
        return Tasks.oneTime(task.getName(), task.getDataClass())
                .onFailure(new RetrySoonAfterFailure<>(first, max))
                .execute(task::execute);
    }

    /** The wait before the try that follows {@code failuresBefore} failures in a row and this one. */
    Duration waitAfter(int failuresBefore) {
        int doublings = Math.min(Math.max(failuresBefore, 0), 30);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
        operations.reschedule(complete,
                complete.getTimeDone().plus(waitAfter(complete.getExecution().consecutiveFailures)));
    }
}
