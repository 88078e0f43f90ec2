package io.keyrenewal.renewal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's own metrics (axon-micrometer) in the service's registry, so {@code /actuator/prometheus} shows them: per
 * event processor its latency (ms), capacity and handled/failed messages, the command bus, the event store. Registered
 * here rather than by Axon's auto-configuration because that one orders itself after Spring Boot 3's registry
 * auto-configuration classes, which Spring Boot 4 renamed: it could create its own registry before Boot's Prometheus
 * one and the metrics would never be scraped ({@code axon.metrics.auto-configuration.enabled=false} in
 * application.yml). Dimensions on: one meter name per kind, the processor's name as the tag
 * {@code processorName}.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMetricsConfiguration {

    @Bean
    MetricsConfigurerModule axonMetrics(MeterRegistry registry) {
        return new MetricsConfigurerModule(new GlobalMetricRegistry(registry), true);
    }
}
