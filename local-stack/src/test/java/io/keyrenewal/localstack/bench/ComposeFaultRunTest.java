package io.keyrenewal.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault run of {@link MassRenewalBenchSmokeTest} against docker-compose.yml's containers (with
 * docker/compose-bench.yml over it): each service killed (SIGKILL) at a step boundary and started again, the broker
 * and PostgreSQL restarted in the middle of the renewals; every renewal completes, nothing is dead-lettered or
 * delivered twice. Runs where a Docker engine answers; elsewhere (the build machines) it is skipped and says so.
 */
class ComposeFaultRunTest {

    @TempDir
    Path data;

    @Test
    void everyRenewalCompletesOnDockerComposeThroughAKillOfEachServiceAndRestartsOfBrokerAndDatabase()
            throws Exception {
        boolean docker = ComposeBenchStack.available();
        if (!docker) {
            System.out.println("SKIPPED ComposeFaultRunTest: no Docker engine answers here (docker info failed), so"
                    + " the fault run against docker-compose.yml does not run; it runs where one does");
        }
        Assumptions.assumeTrue(docker, "no Docker engine here: the fault run against docker-compose.yml is skipped");
        BenchRun run = BenchRun.of("--stack", "compose", "--renewals", "12", "--playbooks", "mix", "--partners", "2",
                "--warmup", "0", "--background-seconds", "0", "--stall-timeout", "PT3M", "--raw-limit-time", "PT1S",
                "--fault", "kill:keystore-service@on:KeyPairExchangeDecided",
                "--fault", "kill:renewal-service@on:PartnerVerifiesBoth",
                "--fault", "kill:notification-service@on:CertificateProvided",
                "--fault", "restart:kafka@20", "--fault", "restart:postgres@40",
                "--data-dir", data.resolve("stack").toString(), "--report", data.resolve("report").toString());

        String output = run.output();
        assertThat(run.outcome().exitCode()).as(output).isZero();
        JsonNode report = run.report();
        JsonNode counts = report.path("counts");
        assertThat(counts.path("completed").asLong()).as(output).isEqualTo(12);
        assertThat(counts.path("stranded").asLong()).isZero();
        assertThat(counts.path("deadLetterRecords").asLong()).isZero();
        assertThat(counts.path("redeliveredNotificationIds").isIntegralNumber())
                .as("redeliveries under the same id are reported (at least once), not counted as failures").isTrue();
        assertThat(counts.path("duplicateStepMessages").asLong()).isZero();
        for (String fault : new String[] {"kill:keystore-service@on:KeyPairExchangeDecided",
                "kill:renewal-service@on:PartnerVerifiesBoth", "kill:notification-service@on:CertificateProvided",
                "restart:kafka@20", "restart:postgres@40"}) {
            assertThat(report.path("faults").path(fault).path("backAfterSeconds").asDouble()).as(fault + "\n" + output)
                    .isPositive();
        }
        assertThat(data.resolve("stack").resolve("logs").resolve("renewal-service.log")).exists();
    }
}
