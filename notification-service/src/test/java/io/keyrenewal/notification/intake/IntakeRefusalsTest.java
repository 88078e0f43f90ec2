package io.keyrenewal.notification.intake;

import io.keyrenewal.contracts.MalformedMessage;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.messaging.FailureClassifier;
import io.keyrenewal.messaging.FailureKind;
import io.keyrenewal.notification.renewal.UnknownRenewal;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import java.sql.SQLTransientConnectionException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The classification the notification service's consumers use: its refusals and the failures they wait out. */
class IntakeRefusalsTest {

    private final FailureClassifier classifier = new FailureClassifier(List.of(
            new IntakeRefusals().notificationRefusals()));

    @Test
    void anEventOfARenewalItNeverSawOrARecordItCannotReadGoesToTheDeadLetterTopic() {
        assertThat(classifier.kindOf(failed(new UnknownRenewal(new RenewalId("r-1")))))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(classifier.kindOf(failed(new MalformedMessage("the record has no ce_id header", null))))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(classifier.kindOf(failed(new IllegalArgumentException("partnerId is required"))))
                .isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsWaitedOut() {
        assertThat(classifier.kindOf(failed(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))))
                .isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void aBugIsRetriedAFewTimesThenDeadLettered() {
        assertThat(classifier.kindOf(failed(new IllegalStateException("template missing"))))
                .isEqualTo(FailureKind.UNKNOWN);
    }

    private static ListenerExecutionFailedException failed(Throwable cause) {
        return new ListenerExecutionFailedException("listener failed", cause);
    }
}
