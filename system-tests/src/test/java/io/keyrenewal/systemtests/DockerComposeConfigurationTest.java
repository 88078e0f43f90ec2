package io.keyrenewal.systemtests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs on the build machines, so docker-compose.yml is checked by reading it: every variable it
 * gives a service is one the service's application.yml reads, every variable a service requires is given, and the
 * addresses point at the services that exist.
 */
class DockerComposeConfigurationTest {

    static final Path REPOSITORY = Path.of(System.getProperty("keyrenewal.repository", "..")).normalize();
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:)?");

    static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(REPOSITORY.resolve("docker-compose.yml")));
        services = (Map<String, Object>) compose.get("services");
    }

    @Test
    void theStackHasKafkaPostgresAndTheThreeServices() {
        assertThat(services).containsOnlyKeys("kafka", "postgres", "renewal-service", "keystore-service",
                "notification-service");
        assertThat(environment("kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
    }

    @ParameterizedTest
    @ValueSource(strings = {"renewal-service", "keystore-service", "notification-service"})
    void everyVariableGivenToAServiceIsReadByItsConfiguration(String service) throws IOException {
        Map<String, Boolean> placeholders = placeholders(service);

        // SPRING_* variables set Spring Boot's own properties (relaxed binding), read without a placeholder
        Set<String> ours = environment(service).keySet().stream().filter(name -> !name.startsWith("SPRING_"))
                .collect(Collectors.toSet());
        assertThat(placeholders.keySet()).as("variables read by %s/src/main/resources/application.yml", service)
                .containsAll(ours);
    }

    @ParameterizedTest
    @ValueSource(strings = {"renewal-service", "keystore-service", "notification-service"})
    void everyVariableAServiceRequiresIsGiven(String service) throws IOException {
        Set<String> required = placeholders(service).entrySet().stream().filter(entry -> !entry.getValue())
                .map(Map.Entry::getKey).collect(Collectors.toSet());

        assertThat(environment(service).keySet()).containsAll(required);
    }

    @ParameterizedTest
    @ValueSource(strings = {"renewal-service", "keystore-service", "notification-service"})
    void eachServiceRunsItsOwnJarOnItsPortAgainstTheComposeKafkaAndPostgres(String service) throws IOException {
        Map<String, Object> environment = environment(service);

        assertThat(list(service, "volumes")).contains("./" + service + "/target/" + service + ".jar:/app/service.jar:ro");
        assertThat(list(service, "ports")).containsExactly(environment.get("SERVER_PORT") + ":"
                + environment.get("SERVER_PORT"));
        assertThat(environment.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(
                environment("kafka").get("KAFKA_ADVERTISED_LISTENERS").toString().replace("PLAINTEXT://", ""));
        assertThat(environment.get("DB_URL").toString()).startsWith("jdbc:postgresql://postgres:5432/");
        String database = environment.get("DB_URL").toString().substring("jdbc:postgresql://postgres:5432/".length());
        assertThat(databasesCreated()).contains(database);
        assertThat(environment.get("DB_USER")).isEqualTo(environment("postgres").get("POSTGRES_USER"));
        assertThat(((Map<?, ?>) service(service).get("depends_on")).keySet()).map(String::valueOf)
                .contains("kafka", "postgres");
    }

    @Test
    void theKeystorePasswordIsRequiredFromTheOperatorNotWrittenInTheFile() {
        assertThat(environment("keystore-service").get("KEYSTORE_PASSWORD").toString()).startsWith("${KEYSTORE_PASSWORD:?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"renewal-service", "keystore-service", "notification-service"})
    void theRestApiTrustsTheIdentityProviderTheOperatorNames(String service) {
        assertThat(environment(service).get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI").toString())
                .startsWith("${OIDC_ISSUER_URI:?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"renewal-service", "keystore-service", "notification-service"})
    @SuppressWarnings("unchecked")
    void theBenchmarksOverlayGivesOnlyVariablesTheServicesReadAndPublishesTheBrokerAndDatabaseHere(String service)
            throws IOException {
        Map<String, Object> overlay = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(Files.readString(
                REPOSITORY.resolve("docker/compose-bench.yml")))).get("services");
        Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) overlay.get(service))
                .get("environment");

        assertThat(overlay).containsOnlyKeys(services.keySet());
        assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "local");
        assertThat(placeholders(service).keySet()).containsAll(environment.keySet().stream()
                .filter(name -> !name.startsWith("SPRING_")).toList());
        Map<String, Object> kafka = (Map<String, Object>) overlay.get("kafka");
        assertThat(((Map<String, Object>) kafka.get("environment")).get("KAFKA_ADVERTISED_LISTENERS").toString())
                .contains("PLAINTEXT://kafka:9092").contains("HOST://127.0.0.1:29092");
        assertThat((List<Object>) kafka.get("ports")).containsExactly("127.0.0.1:29092:29092");
        assertThat((List<Object>) ((Map<String, Object>) overlay.get("postgres")).get("ports"))
                .containsExactly("127.0.0.1:25432:5432");
    }

    private static Set<String> databasesCreated() throws IOException {
        Set<String> databases = Pattern.compile("CREATE DATABASE (\\w+)", Pattern.CASE_INSENSITIVE)
                .matcher(Files.readString(REPOSITORY.resolve("docker/postgres-init.sql"))).results()
                .map(match -> match.group(1)).collect(Collectors.toSet());
        databases.add(environment("postgres").get("POSTGRES_DB").toString());
        return databases;
    }

    /** Variable name -> whether application.yml gives it a default. */
    private static Map<String, Boolean> placeholders(String service) throws IOException {
        String yml = Files.readString(REPOSITORY.resolve(service).resolve("src/main/resources/application.yml"));
        Matcher matcher = PLACEHOLDER.matcher(yml);
        Map<String, Boolean> placeholders = new java.util.HashMap<>();
        while (matcher.find()) {
            placeholders.merge(matcher.group(1), matcher.group(2) != null, Boolean::logicalOr);
        }
        return placeholders;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String name) {
        return (Map<String, Object>) service(name).get("environment");
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(String name, String key) {
        return ((List<Object>) service(name).get(key)).stream().map(String::valueOf).toList();
    }
}
