package io.keyrenewal.keystore.messaging;

import io.keyrenewal.contracts.MalformedMessage;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.keystore.KeyPairRemoved;
import io.keyrenewal.keystore.KeystoreReports;
import io.keyrenewal.messaging.FailureClassifier;
import io.keyrenewal.messaging.FailureKind;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.kafka.core.KafkaProducerException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The classification the keystore's consumer uses: its refusals and the failures it waits out. */
class KeystoreRefusalsTest {

    private final FailureClassifier classifier = new FailureClassifier(List.of(
            new KafkaTopicsConfiguration().keystoreRefusals()));

    @Test
    void aRecordItCannotReadOrAValueItCannotUseGoesToTheDeadLetterTopic() {
        assertThat(classifier.kindOf(failed(new MalformedMessage("record has no ce_id header", null))))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(classifier.kindOf(failed(new IllegalArgumentException("the id of the causing message is "
                + "required")))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void aBrokerThatDoesNotTakeTheReportOrADatabaseThatIsClosedIsWaitedOut() throws SQLException {
        KeyPairRemoved report = new KeyPairRemoved("r-1", new RenewalId("renewal-1"), "cause-1", "acme-decrypt",
                null, Instant.now());
        assertThat(classifier.kindOf(failed(new KeystoreReports.ReportNotPublished(report, new ExecutionException(
                new KafkaProducerException(new ProducerRecord<>("keystore.reports.v1", "x"), "send failed",
                        new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s)")))))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(classifier.kindOf(failed(new KeystoreReports.ReportNotPublished(report,
                new java.util.concurrent.TimeoutException())))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(classifier.kindOf(failed(new UncategorizedSQLException("record", "INSERT ...",
                closedH2Database())))).isEqualTo(FailureKind.TRANSIENT);
    }

    /** What H2 answers once it closed its database (as it did under load: "The database has been closed"). */
    private static SQLException closedH2Database() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:h2:mem:keystore-closing", "sa", "");
        try (Connection other = DriverManager.getConnection("jdbc:h2:mem:keystore-closing", "sa", "")) {
            other.createStatement().execute("SHUTDOWN");
        }
        try {
            connection.createStatement().executeQuery("SELECT 1");
            throw new AssertionError("H2 answered after SHUTDOWN");
        } catch (SQLException closed) {
            return closed;
        }
    }

    @Test
    void aBugIsRetriedAFewTimesThenDeadLettered() {
        assertThat(classifier.kindOf(failed(new NullPointerException()))).isEqualTo(FailureKind.UNKNOWN);
    }

    private static ListenerExecutionFailedException failed(Throwable cause) {
        return new ListenerExecutionFailedException("listener failed", cause);
    }
}
