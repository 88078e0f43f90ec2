package io.keyrenewal.messaging;

import com.zaxxer.hikari.HikariDataSource;
import io.keyrenewal.contracts.MalformedMessage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.kafka.core.KafkaProducerException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The classification with the exceptions real drivers, pools and frameworks throw. */
class FailureClassifierTest {

    /** What a service declares: its refusals, one with its own reason. */
    static class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason);
        }
    }

    private final FailureClassifier classifier = new FailureClassifier(List.of(
            PermanentFailures.of(IllegalArgumentException.class, AggregateNotFoundException.class)
                    .describedAs(Refused.class, refused -> "refused: " + refused.getMessage())));

    @Test
    void aClosedH2DatabaseIsTransient() throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:h2:mem:closing", "sa", "");
        try (Connection other = DriverManager.getConnection("jdbc:h2:mem:closing", "sa", "")) {
            other.createStatement().execute("SHUTDOWN");
        }
        Throwable closed = catchThrowable(() -> connection.createStatement().executeQuery("SELECT 1"));

        assertThat(closed).isInstanceOf(SQLException.class);
        assertThat(classifier.kindOf(listenerFailure(new IllegalStateException("handling failed", closed))))
                .isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void anUnreachablePostgresqlAnExhaustedPoolAndAConnectionThePoolClosedAreTransient() throws SQLException {
        Throwable refused = catchThrowable(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/none",
                "postgres", ""));
        assertThat(((SQLException) refused).getSQLState()).startsWith("08");
        assertThat(classifier.kindOf(refused)).isEqualTo(FailureKind.TRANSIENT);
        // as Spring translates it, and as Spring's JPA transaction manager wraps it
        RuntimeException translated = new SQLStateSQLExceptionTranslator().translate("load", null,
                (SQLException) refused);
        assertThat(classifier.kindOf(translated)).isEqualTo(FailureKind.TRANSIENT);
        assertThat(classifier.kindOf(new CannotCreateTransactionException("Could not open JPA EntityManager",
                new JDBCConnectionException("unable to obtain a connection", (SQLException) refused))))
                .isEqualTo(FailureKind.TRANSIENT);

        // a connection the pool closed after it broke: HikariCP answers without SQLState
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl("jdbc:h2:mem:pool-closing");
            Connection connection = pool.getConnection();
            connection.close();
            Throwable closed = catchThrowable(() -> connection.prepareStatement("SELECT 1"));
            assertThat(((SQLException) closed).getSQLState()).isNull();
            assertThat(classifier.kindOf(new IllegalStateException("could not load the renewal", closed)))
                    .isEqualTo(FailureKind.TRANSIENT);
        }
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/none");
            pool.setConnectionTimeout(250);
            pool.setInitializationFailTimeout(-1);
            assertThat(classifier.kindOf(catchThrowable(pool::getConnection))).isEqualTo(FailureKind.TRANSIENT);
        }
    }

    @Test
    void anAdministratorShuttingPostgresqlDownOrADeadlockIsTransient() {
        assertThat(classifier.kindOf(new SQLException("terminating connection due to administrator command",
                "57P01"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(classifier.kindOf(new SQLException("too many clients", "53300"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(classifier.kindOf(new SQLException("deadlock detected", "40P01"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(classifier.kindOf(new SQLException("duplicate key", "23505"))).isEqualTo(FailureKind.UNKNOWN);
    }

    @Test
    void aConcurrentAppendIsTransientButACreationConflictIsNot() {
        assertThat(classifier.kindOf(new ConcurrencyException("an event for aggregate r-1 at sequence 3 was "
                + "already inserted"))).isEqualTo(FailureKind.TRANSIENT);
        // creating an aggregate that exists fails again on every retry
        assertThat(classifier.kindOf(new AggregateStreamCreationException("r-1 exists already")))
                .isEqualTo(FailureKind.UNKNOWN);
    }

    @Test
    void anUnavailableBrokerIsTransient() {
        Throwable timeout = new ExecutionException(new KafkaProducerException(new ProducerRecord<>("t", "v"),
                "send failed", new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s)")));
        assertThat(classifier.kindOf(new IllegalStateException("report not published", timeout)))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(classifier.kindOf(new IllegalStateException("report not published",
                new java.util.concurrent.TimeoutException()))).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void malformedRecordsAndTheServicesRefusalsArePermanent() {
        assertThat(classifier.kindOf(listenerFailure(new MalformedMessage("not a valid RenewalEvent", null))))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(classifier.kindOf(listenerFailure(new Refused("step not allowed"))))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(classifier.kindOf(new AggregateNotFoundException("r-1", "no renewal")))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureClassifier.withoutServiceRefusals().kindOf(new Refused("no one declared it")))
                .isEqualTo(FailureKind.UNKNOWN);
    }

    @Test
    void aPassingCauseWinsOverAPermanentWrapper() {
        assertThat(classifier.kindOf(new IllegalArgumentException("could not load",
                new SQLException("the database system is shutting down", "57P03"))))
                .isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void anythingElseIsUnknown() {
        assertThat(classifier.classify(listenerFailure(new NullPointerException("bug"))))
                .satisfies(classification -> {
                    assertThat(classification.kind()).isEqualTo(FailureKind.UNKNOWN);
                    assertThat(classification.cause()).isInstanceOf(NullPointerException.class);
                });
    }

    @Test
    void theReasonIsTheServicesOwnTheMalformedMessageOrTypeAndMessage() {
        DeadLetterReasons reasons = new DeadLetterReasons(classifier);

        assertThat(reasons.reason(listenerFailure(new Refused("step not allowed"))))
                .isEqualTo("refused: step not allowed");
        assertThat(reasons.reason(listenerFailure(new MalformedMessage("not a valid RenewalEvent: x", null))))
                .isEqualTo("not a valid RenewalEvent: x");
        assertThat(reasons.reason(new IllegalArgumentException("alias is required")))
                .isEqualTo("IllegalArgumentException: alias is required");
        assertThat(reasons.reason(listenerFailure(new IllegalStateException("wrapped",
                new NullPointerException("the bug")))))
                .isEqualTo("IllegalStateException: wrapped (caused by NullPointerException: the bug)");
        assertThat(reasons.reason(new Refused("x".repeat(5000)))).hasSize(DeadLetterReasons.MAX_LENGTH + 3);
    }

    private static ListenerExecutionFailedException listenerFailure(Throwable cause) {
        return new ListenerExecutionFailedException("Listener method threw an exception", cause);
    }
}
