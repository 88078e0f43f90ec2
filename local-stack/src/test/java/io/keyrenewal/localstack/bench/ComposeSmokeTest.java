package io.keyrenewal.localstack.bench;

import io.keyrenewal.contracts.Topics;
import io.keyrenewal.localstack.ServiceProcess;
import io.keyrenewal.localstack.StackService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docker-compose.yml as it is deployed, with no overlay (the production-like profile, OAuth2 bearer tokens): the
 * stack starts as a compose project of its own, each service gets ready on its port, reaches the broker (its topics
 * are there) and asks for credentials; then the project is removed with its volumes. Lighter than
 * {@link ComposeFaultRunTest}, which runs renewals through faults on the file with the benchmark's overlay (the local
 * profile). Runs where a Docker engine answers; elsewhere (the build machines) it is skipped and says so.
 */
class ComposeSmokeTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    @Test
    void theDeployedStackStartsEachServiceIsReadyReachesTheBrokerAndAsksForCredentials() throws Exception {
        boolean docker = ComposeBenchStack.available();
        if (!docker) {
            System.out.println("SKIPPED ComposeSmokeTest: no Docker engine answers here (docker info failed), so"
                    + " docker-compose.yml is not started; it is where one does");
        }
        Assumptions.assumeTrue(docker, "no Docker engine here: the smoke test of docker-compose.yml is skipped");
        Path repository = BenchRun.repository();
        for (StackService service : StackService.values()) {
            assertThat(service.jar(repository)).as("build the service jars first: ./mvnw -DskipTests package")
                    .isRegularFile();
        }
        ComposeProject compose = new ComposeProject(repository, "keyrenewal-smoke-" + ProcessHandle.current().pid(),
                List.of("docker-compose.yml"));
        HttpClient http = HttpClient.newHttpClient();
        try {
            compose.run("up", "--detach", "--wait");

            for (StackService service : StackService.values()) {
                URI base = URI.create("http://127.0.0.1:" + service.defaultPort());
                await(service.serviceName() + " ready").atMost(START_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                        .until(() -> ServiceProcess.isUp(base.resolve("/actuator/health/readiness")));
                HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                        base.resolve("/actuator/prometheus")).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(anonymous.statusCode()).as(service.serviceName() + " without credentials").isEqualTo(401);
            }
            await("the services' topics").atMost(START_TIMEOUT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(compose.run("exec", "-T", "kafka", "/opt/kafka/bin/kafka-topics.sh",
                            "--bootstrap-server", "localhost:9092", "--list").lines())
                            .contains(Topics.RENEWAL_EVENTS, Topics.PARTNER_CONFIRMATIONS, Topics.KEYSTORE_REPORTS,
                                    Topics.PARTNER_NOTIFICATIONS));
        } catch (AssertionError | RuntimeException e) {
            System.out.println("ComposeSmokeTest failed; the containers' last log lines:\n"
                    + compose.run("logs", "--no-color", "--tail", "100"));
            throw e;
        } finally {
            compose.run("down", "--volumes", "--timeout", "30");
        }
    }
}
