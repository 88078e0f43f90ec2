package io.keyrenewal.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStackTest {

    @TempDir
    Path repositoryRoot;

    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void failsAtOnceNamingAPortAnotherProcessListensOn() throws IOException {
        try (ServerSocket anotherStack = new ServerSocket(0)) {
            LocalStackConfig config = LocalStackConfig.builder(repositoryRoot).randomFreePorts()
                    .servicePort(StackService.KEYSTORE_SERVICE, anotherStack.getLocalPort())
                    .build();

            assertThatThrownBy(() -> LocalStack.start(config, out))
                    .isInstanceOf(LocalStackFailure.class)
                    .hasMessageContaining("port " + anotherStack.getLocalPort() + " (for keystore-service) is already taken")
                    .hasMessageContaining("another local stack may be running");
        }
        assertThat(repositoryRoot.resolve("data")).doesNotExist();
    }

    @Test
    void failsNamingTheMissingServiceJarsBeforeStartingAnything() {
        LocalStackConfig config = LocalStackConfig.builder(repositoryRoot).randomFreePorts().build();

        assertThatThrownBy(() -> LocalStack.start(config, out))
                .isInstanceOf(LocalStackFailure.class)
                .hasMessageContaining(repositoryRoot.resolve("renewal-service/target/renewal-service.jar").toString())
                .hasMessageContaining("./mvnw -B -q -DskipTests package");
        assertThat(repositoryRoot.resolve("data")).doesNotExist();
    }

    @Test
    void runsFromTheRepositoryWithItsDataFolderAndTheDocumentedPortsByDefault() {
        LocalStackConfig config = LocalStackConfig.builder(repositoryRoot).build();
        LocalStack stack = new LocalStack(config, out);

        assertThat(stack.dataDir()).isEqualTo(repositoryRoot.resolve("data"));
        assertThat(config.brokerLibDir()).isEqualTo(repositoryRoot.resolve("local-stack/target/lib"));
        assertThat(stack.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.controllerPort()).isEqualTo(9093);
        assertThat(config.postgresPort()).isEqualTo(5433);
        assertThat(stack.renewalServiceUrl()).hasToString("http://127.0.0.1:8081");
        assertThat(stack.keystoreServiceUrl()).hasToString("http://127.0.0.1:8082");
        assertThat(stack.notificationServiceUrl()).hasToString("http://127.0.0.1:8083");
        assertThat(stack.logFile(StackService.RENEWAL_SERVICE))
                .isEqualTo(repositoryRoot.resolve("data/logs/renewal-service.log"));
    }

    @Test
    void runsTheServicesWithTheFullJitUnlessAQuickStartIsAskedFor() {
        assertThat(LocalStackConfig.builder(repositoryRoot).build().serviceJvmOptions())
                .containsExactly("-Xmx512m");
        assertThat(LocalStackConfig.builder(repositoryRoot).quickStart().build().serviceJvmOptions())
                .containsExactly("-Xmx512m", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void refusesAConfigurationThatGivesTwoListenersOnePort() {
        assertThatThrownBy(() -> LocalStackConfig.builder(repositoryRoot)
                .servicePort(StackService.NOTIFICATION_SERVICE, 8081).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a port of their own");
    }

    @Test
    void runsFurtherInstancesOfEachServiceOnThePortsAHundredAbove() {
        LocalStackConfig config = LocalStackConfig.builder(repositoryRoot).instances(2).build();
        LocalStack stack = new LocalStack(config, out);

        assertThat(config.serviceInstances()).extracting(ServiceInstance::name).containsExactly("renewal-service",
                "keystore-service", "notification-service", "renewal-service-2", "keystore-service-2",
                "notification-service-2");
        assertThat(stack.baseUrls(StackService.RENEWAL_SERVICE)).extracting(Object::toString)
                .containsExactly("http://127.0.0.1:8081", "http://127.0.0.1:8181");
        assertThat(stack.logFile(new ServiceInstance(StackService.KEYSTORE_SERVICE, 1)))
                .isEqualTo(repositoryRoot.resolve("data/logs/keystore-service-2.log"));
        assertThat(config.listeners()).containsEntry(8183, "notification-service-2").hasSize(9);
        assertThatThrownBy(() -> LocalStackConfig.builder(repositoryRoot).instances(5).build())
                .hasMessageContaining("1 to 4");
        assertThatThrownBy(() -> LocalStackConfig.builder(repositoryRoot).instances(2)
                .servicePort(StackService.NOTIFICATION_SERVICE, 8182).build())
                .as("the second keystore-service is on 8182").hasMessageContaining("a port of their own");
    }
}
