package io.keyrenewal.messaging;

import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class BackOffTest {

    @Test
    void aPassingFailureIsRetriedForeverDoublingThePauseUpTo30Seconds() {
        BackOffExecution execution = ConsumerFailureAutoConfiguration.transientBackOff(
                new MessagingSettings.TransientRetry(Duration.ofSeconds(1), Duration.ofSeconds(30))).start();
        List<Long> pauses = new ArrayList<>();
        for (int attempt = 0; attempt < 10_000; attempt++) {
            pauses.add(execution.nextBackOff());
        }

        assertThat(pauses.subList(0, 7)).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L);
        assertThat(pauses).doesNotContain(BackOffExecution.STOP);
    }

    @Test
    void anUnexpectedFailureIsRetriedThreeTimesInAboutFiveSeconds() {
        BackOffExecution execution = unknownBackOff(new AtomicBoolean(true)).start();

        assertThat(List.of(execution.nextBackOff(), execution.nextBackOff(), execution.nextBackOff(),
                execution.nextBackOff())).containsExactly(1000L, 1500L, 2250L, BackOffExecution.STOP);
    }

    @Test
    void anUnexpectedFailureWhileTheDatabaseDoesNotAnswerWaitsAsATransientOneAndIsNotCounted() {
        AtomicBoolean databaseAnswers = new AtomicBoolean(false);
        BackOffExecution execution = unknownBackOff(databaseAnswers).start();
        List<Long> pauses = new ArrayList<>();
        for (int attempt = 0; attempt < 100; attempt++) {
            pauses.add(execution.nextBackOff());
        }
        assertThat(pauses.subList(0, 3)).containsExactly(1000L, 2000L, 4000L);
        assertThat(pauses).doesNotContain(BackOffExecution.STOP);

        databaseAnswers.set(true);
        assertThat(List.of(execution.nextBackOff(), execution.nextBackOff(), execution.nextBackOff(),
                execution.nextBackOff())).containsExactly(1000L, 1500L, 2250L, BackOffExecution.STOP);
    }

    private static BackOff unknownBackOff(AtomicBoolean databaseAnswers) {
        DatabaseProbe probe = new DatabaseProbe(null, Duration.ofSeconds(1)) {
            @Override
            public boolean answers() {
                return databaseAnswers.get();
            }
        };
        return ConsumerFailureAutoConfiguration.unknownBackOff(new MessagingSettings.UnknownRetry(
                Duration.ofSeconds(1), 3), ConsumerFailureAutoConfiguration.transientBackOff(
                new MessagingSettings.TransientRetry(Duration.ofSeconds(1), Duration.ofSeconds(30))), probe);
    }
}
