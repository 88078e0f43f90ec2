package io.keyrenewal.renewal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RenewalServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RenewalServiceApplication.class, args);
    }
}
