package io.keyrenewal.renewal.support;

import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one service, database and broker the integration tests extending this share: the same configuration, so
 * Spring's test context cache starts it once for all of them. A test here must not assume an empty database, topic or
 * directory: it works with renewals, aliases and partners of its own and asserts on those (or on what changed), and it
 * leaves the clock where it is (the service's clock only moves forward). A test that cannot keeps a context of its
 * own and says why.
 * <p>
 * The partner directory is seeded at start with {@code initech} (verifies one key at a time), as the local stack seeds
 * its partners: PartnerDirectoryIntegrationTest checks the seeding.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:renewal-service-shared;DB_CLOSE_DELAY=-1",
        // POST /admin/clock/advance exists (EndpointRolesTest checks its roles); no test of this context calls it
        "keyrenewal.clock.movable=true",
        // deadlines that fall due (a renewal started in the past) are run at once, within the test that started it
        "keyrenewal.deadlines.polling-interval=PT0.5S"})
@KafkaTestBroker(partitions = 1)
public abstract class SharedServiceContext {

    @DynamicPropertySource
    static void seedFile(DynamicPropertyRegistry registry) throws IOException {
        Path seed = Files.createTempFile("partners", ".json");
        Files.writeString(seed, """
                [{"partnerId":"initech","name":"Initech","contacts":[{"role":"SENDER_ADMINISTRATOR","name":"Bill",
                  "email":"bill@initech.example"}],"channels":{"kafka":true,"email":false,"webhookUrl":null},
                  "verifiesOldAndNewAtOnce":false,"updatedAt":"2026-11-22T08:00:00Z"}]""");
        seed.toFile().deleteOnExit();
        registry.add("keyrenewal.partners.seed-file", seed::toString);
    }
}
