package io.keyrenewal.renewal.persistence;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.renewal.RenewalServiceApplication;
import io.keyrenewal.renewal.audit.ChainVerification;
import io.keyrenewal.renewal.deadline.RetrySoonAfterFailure;
import io.keyrenewal.renewal.playbook.Commands;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.security.time.MovableClock;
import com.github.kagkarlsson.scheduler.task.Task;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs a playbook-3 renewal up to the retention period in one service instance, stops it, starts a new instance on
 * the same database, moves its clock past the deadline and shows the removal is decided: the deadline survived.
 */
final class RetentionAcrossRestarts {

    private final Map<String, String> properties;

    RetentionAcrossRestarts(String brokers, String dbUrl, String user, String password) {
        this.properties = Map.of(
                "spring.kafka.bootstrap-servers", brokers,
                "spring.datasource.url", dbUrl,
                "spring.datasource.username", user,
                "spring.datasource.password", password,
                "server.port", "0",
                "keyrenewal.clock.movable", "true",
                "keyrenewal.deadlines.polling-interval", "PT0.5S");
    }

    RenewalId runUntilTheOldKeyIsRetained() {
        RenewalId renewalId = RenewalId.random();
        try (ConfigurableApplicationContext service = start()) {
            CommandGateway commands = service.getBean(CommandGateway.class);
            Instant now = service.getBean(Clock.class).instant();
            CertificateInfo certificate = Certificates.certificate("alias-" + renewalId, "0a", now);
            commands.sendAndWait(new Commands.StartRenewal(renewalId, "alias-" + renewalId, new PartnerId("acme"),
                    Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, Duration.ofDays(30), KeyAlgorithm.EC_P256, now));
            commands.sendAndWait(new Commands.RecordKeyPairGenerated(renewalId, "rep-1", certificate,
                    Certificates.ref("old", "09"), now));
            commands.sendAndWait(new Commands.ConfirmPartnerStep(renewalId, "c-1", new PartnerId("acme"),
                    ConfirmationType.SWITCHED_TO_NEW_KEY, now));
            assertThat(types(service, renewalId)).endsWith("PartnerSwitchedToNewKey");
            assertThat(service.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT COUNT(*) FROM scheduled_tasks", Integer.class)).isEqualTo(1);
        }
        return renewalId;
    }

    List<String> afterRestartMoveTheClockPastRetention(RenewalId renewalId) {
        try (ConfigurableApplicationContext service = start()) {
            assertThat(service.getBeansOfType(Task.class).values()).as("one task runs the deadlines: ours")
                    .filteredOn(task -> task.getName().equals(new DbSchedulerDeadlineToken("").getTaskName()))
                    .singleElement().extracting(Task::getFailureHandler)
                    .isInstanceOf(RetrySoonAfterFailure.class);
            MovableClock clock = (MovableClock) service.getBean(Clock.class);
            clock.advance(Duration.ofDays(89));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(types(service, renewalId)).endsWith("PartnerSwitchedToNewKey"));
            clock.advance(Duration.ofDays(1).plusMinutes(1));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(types(service, renewalId)).endsWith("OldKeyPairRemovalDecided"));
            assertThat(service.getBean(ChainVerification.class).verify(renewalId.value()).intact())
                    .as("the hash chain across the restart").isTrue();
            return types(service, renewalId);
        }
    }

    private ConfigurableApplicationContext start() {
        // command-line arguments outrank application.yml (default properties would not)
        return new SpringApplicationBuilder(RenewalServiceApplication.class).run(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new));
    }

    private static List<String> types(ConfigurableApplicationContext service, RenewalId renewalId) {
        return service.getBean(EventStore.class).readEvents(renewalId.value()).asStream()
                .map(DomainEventMessage::getPayloadType).map(Class::getSimpleName).toList();
    }
}
