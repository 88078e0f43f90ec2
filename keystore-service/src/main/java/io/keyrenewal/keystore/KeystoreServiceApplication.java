package io.keyrenewal.keystore;

import io.keyrenewal.security.time.ClockConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The tenant keystore: generates, stores and removes key pairs as renewals decide, and reports what it did. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ClockConfiguration.class)
public class KeystoreServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(KeystoreServiceApplication.class, args);
    }
}
