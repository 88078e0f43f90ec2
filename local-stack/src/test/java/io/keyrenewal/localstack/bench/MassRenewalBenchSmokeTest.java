package io.keyrenewal.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's whole code path on a small scale: its own stack with two instances of every service (free ports, a
 * temporary folder; the service jars must be built; C1 only, as the figures are not what it checks), 6 renewals of the
 * three playbooks, 2 partners, no steady phase; one service instance killed (SIGKILL) at a step boundary, then started
 * again: the pair of the fault matrix ({@link FaultMatrix}) that the seed picks (system property
 * {@code keyrenewal.fault-seed}, default 13, so CI runs the same one each time; {@code ./run-local bench-matrix} runs
 * them all); and PostgreSQL and the broker restarted as the burst starts (the services are not restarted): at a
 * set time after that, the burst (9-18 s since a dead consumer's partitions move after 10 s) could be over, and a
 * fault due after the last renewal completes is skipped; the step-boundary kill then strikes once the broker is back. Then the
 * policy phase: two default policies make the 8 aliases' certificates due, and the expiry watches, on two instances of
 * renewal-service, start one renewal of each. Every renewal completes, nothing is dead-lettered or delivered twice,
 * and the report carries the figures.
 */
class MassRenewalBenchSmokeTest {

    @TempDir
    Path data;

    @Test
    void runsRenewalsOfEveryPlaybookToTheirEndThroughACrashAndReportsTheFigures() throws Exception {
        long seed = Long.getLong("keyrenewal.fault-seed", 13);
        FaultMatrix.Pair pair = FaultMatrix.pairs(FaultMatrix.SERVICES, FaultMatrix.BOUNDARIES, 1, seed).get(0);

        BenchRun run = BenchRun.of("--renewals", "6", "--playbooks", "mix", "--partners", "2", "--warmup", "2",
                "--background-seconds", "0", "--stall-timeout", "PT2M", "--raw-limit-time", "PT1S", "--instances", "2",
                "--quick-start", "--policy-renewal", "--fault", pair.fault(), "--fault", "restart:postgres@0", "--fault",
                "restart:kafka@0",
                "--data-dir", data.resolve("stack").toString(),
                "--report", data.resolve("report").toString());

        String output = run.output();
        MassRenewalBench.Outcome outcome = run.outcome();
        assertThat(outcome.exitCode()).as(output).isZero();
        JsonNode report = run.report();
        JsonNode counts = report.path("counts");
        assertThat(counts.path("renewals").asLong()).as(output).isEqualTo(16);
        assertThat(counts.path("completed").asLong()).as(output).isEqualTo(16);
        assertThat(report.path("warmup").path("renewals").asLong()).isEqualTo(2);
        assertThat(counts.path("stranded").asLong()).isZero();
        assertThat(counts.path("openRenewalsByRest").path("openRenewals").asLong()).isZero();
        assertThat(counts.path("deadLetterRecords").asLong()).isZero();
        assertThat(counts.path("deadLettersByTopic").size()).as("the services' dead-letter topics are counted")
                .isPositive();
        assertThat(counts.path("redeliveredNotificationIds").isIntegralNumber())
                .as("redeliveries under the same id are reported (at least once), not counted as failures").isTrue();
        assertThat(counts.path("duplicateStepMessages").asLong()).isZero();
        assertThat(counts.path("confirmationsByType").fieldNames()).toIterable().as("every playbook's partner steps")
                .containsExactlyInAnyOrder("VERIFIES_BOTH", "OLD_CERTIFICATE_REMOVED", "DOWNTIME_ACCEPTED",
                        "SENDING_STOPPED", "CERTIFICATE_EXCHANGED", "SENDING_RESUMED", "SWITCHED_TO_NEW_KEY");
        assertThat(counts.path("downtimesProposed").asLong()).isEqualTo(3);

        JsonNode burst = report.path("burst");
        assertThat(burst.path("renewalsPerSecondEndToEnd").asDouble()).isPositive();
        assertThat(burst.path("eventsPerSecondEndToEnd").asDouble()).isPositive();
        assertThat(burst.path("secondsUntilAllWaitForRetention").asDouble()).isPositive();
        assertThat(burst.path("secondsUntilAllComplete").asDouble()).isPositive();
        assertThat(burst.path("latency").path("samples").asLong()).isPositive();
        assertThat(burst.path("latency").has("p99_ms")).isTrue();
        assertThat(report.path("rawLimits").path("kafkaProducePerSecond").asDouble()).isPositive();
        assertThat(report.path("rawLimits").path("kafkaConsumePerSecond").asDouble()).isPositive();
        assertThat(report.path("rawLimits").path("postgresCommitsPerSecond1").asDouble()).as("on the stack's own")
                .isPositive();
        assertThat(report.path("rawLimits").path("postgresCommitsPerSecond4").asDouble()).isPositive();
        assertThat(report.path("ratios").path("eventsPerPostgresCommit4").asDouble()).isPositive();
        assertThat(report.path("ratios").path("kafkaRecordsPerProduce").asDouble()).isPositive();
        assertThat(report.path("processes").path("postgresql").path("cpuSeconds").asDouble()).isPositive();
        for (String struck : List.of(pair.fault(), "restart:postgres@0s", "restart:kafka@0s")) {
            JsonNode fault = report.path("faults").path(struck);
            assertThat(fault.path("backAfterSeconds").asDouble()).as("seed %s: %s struck\n%s", seed, struck, output)
                    .isPositive();
            assertThat(fault.has("failed")).as(output).isFalse();
        }
        assertThat(report.path("processes").path(pair.service()).path("restartedByFaults").asLong()).isEqualTo(1);
        assertThat(report.path("processes").path("kafka").path("restartedByFaults").asLong()).isEqualTo(1);
        assertThat(report.path("processes").path("postgresql").path("restartedByFaults").asLong()).isEqualTo(1);
        JsonNode renewalService = report.path("processes").path("renewal-service");
        assertThat(renewalService.path("stayedUp").asBoolean()).as("its last process").isTrue();
        assertThat(renewalService.path("cpuSeconds").asDouble()).isPositive();
        assertThat(renewalService.path("peakRssMb").asLong()).isPositive();
        assertThat(renewalService.path("heapMaxAfterGcMb").asLong()).as("read from its GC log").isPositive();
        assertThat(renewalService.path("outOfMemoryErrorLines").asLong()).isZero();
        assertThat(report.path("processes").path("kafka").path("cpuSeconds").asDouble()).isPositive();
        JsonNode byPolicy = report.path("policy");
        assertThat(byPolicy.path("policies").size()).as("playbooks 1 and 2 share a purpose").isEqualTo(2);
        assertThat(byPolicy.path("renewalsStartedByPolicy").asLong()).as(output).isEqualTo(8);
        assertThat(byPolicy.path("aliasesStartedByPolicy").asLong()).isEqualTo(8);
        assertThat(byPolicy.path("notStarted").asLong()).isZero();
        assertThat(byPolicy.path("secondsUntilAllStarted").asDouble()).isPositive();
        assertThat(byPolicy.path("secondsUntilAllComplete").asDouble()).isPositive();
        assertThat(byPolicy.path("latency").path("samples").asLong()).isPositive();
        for (String second : List.of("renewal-service-2", "keystore-service-2", "notification-service-2")) {
            assertThat(report.path("processes").path(second).path("stayedUp").asBoolean()).as(second).isTrue();
            assertThat(report.path("processes").path(second).path("cpuSeconds").asDouble()).as(second).isPositive();
        }
        assertThat(report.path("verdict").path("success").asBoolean()).isTrue();

        assertThat(Files.readString(outcome.markdown())).contains("| completed | 16 |");
        assertThat(outcome.reportText()).contains("renewals/s, burst start -> all complete");
        assertThat(data.resolve("stack").resolve("logs").resolve("renewal-service.log")).exists();
        assertThat(data.resolve("stack").resolve("kafka")).as("the stack's storage is removed, the logs kept")
                .doesNotExist();
    }
}
