package io.keyrenewal.renewal.support;

import io.keyrenewal.testsupport.RealPostgres;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * As {@link SharedServiceContext}, for the integration tests on a real PostgreSQL (the local stack's and
 * production's database): one fresh database, service and broker that the test classes extending this share.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // TenantStepsIntegrationTest tests the tenant's own retries: the renewal's automatic one must not come between
        "keyrenewal.renewal.keystore-retry-after=PT1H"})
@KafkaTestBroker(partitions = 1)
public abstract class SharedPostgresContext {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        RealPostgres.freshDatabase().useFor(registry);
    }
}
