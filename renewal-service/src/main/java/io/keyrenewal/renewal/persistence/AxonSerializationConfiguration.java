package io.keyrenewal.renewal.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.keyrenewal.contracts.ContractJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon stores events as JSON written with the contracts' mapping (Jackson 2), so the event store holds exactly the
 * published language; Spring MVC keeps its own Jackson 3 mapper.
 */
@Configuration(proxyBeanMethods = false)
public class AxonSerializationConfiguration {

    @Bean("defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper() {
        return ContractJson.configure(JsonMapper.builder()).build();
    }
}
