package io.keyrenewal.renewal.time;

import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * The one clock of the service: event times, deadlines and the scheduler read it. With
 * {@code keyrenewal.clock.movable=true} (demo and system tests) it can be moved forward over HTTP.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    public Clock clock(@Value("${keyrenewal.clock.movable:false}") boolean movable,
                       @Value("${keyrenewal.clock.start-offset:PT0S}") Duration startOffset) {
        Clock clock = movable ? MovableClock.startingAt(Clock.systemUTC(), startOffset) : Clock.systemUTC();
        GenericEventMessage.clock = clock;
        return clock;
    }
}
