package io.keyrenewal.renewal.persistence;

import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** On PostgreSQL the event store uses {@link ByteaEnforcedPostgresDialect}; on H2 Hibernate picks its own dialect. */
@Configuration(proxyBeanMethods = false)
public class DialectSelection {

    @Bean
    public HibernatePropertiesCustomizer byteaOnPostgres(@Value("${spring.datasource.url}") String url) {
        return properties -> {
            if (url.startsWith("jdbc:postgresql:")) {
                properties.put("hibernate.dialect", ByteaEnforcedPostgresDialect.class.getName());
            }
        };
    }
}
