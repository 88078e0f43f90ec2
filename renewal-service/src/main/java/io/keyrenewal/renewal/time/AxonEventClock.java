package io.keyrenewal.renewal.time;

import io.keyrenewal.security.time.ClockConfiguration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Axon stamps the events it creates with the service's clock ({@link ClockConfiguration}, movable in the demo and the
 * system tests), not with the system clock.
 */
@Configuration(proxyBeanMethods = false)
public class AxonEventClock {

    public AxonEventClock(Clock clock) {
        GenericEventMessage.clock = clock;
    }
}
