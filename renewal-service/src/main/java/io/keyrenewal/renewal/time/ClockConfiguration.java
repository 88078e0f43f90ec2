package io.keyrenewal.renewal.time;

import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The one clock of the service: event times, deadlines and the scheduler read it. With
 * {@code keyrenewal.clock.movable=true} (demo and system tests) it can be moved forward over HTTP.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    public Clock clock(@Value("${keyrenewal.clock.movable:false}") boolean movable) {
        Clock clock = movable ? new MovableClock(Clock.systemUTC()) : Clock.systemUTC();
        GenericEventMessage.clock = clock;
        return clock;
    }
}
