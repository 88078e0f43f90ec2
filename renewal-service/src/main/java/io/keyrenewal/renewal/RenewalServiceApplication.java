package io.keyrenewal.renewal;

import io.keyrenewal.security.time.ClockConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ClockConfiguration.class)
public class RenewalServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RenewalServiceApplication.class, args);
    }
}
