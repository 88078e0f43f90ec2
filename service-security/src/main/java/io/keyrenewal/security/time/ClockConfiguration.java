package io.keyrenewal.security.time;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.time.Duration;

/**
 * The service's one clock, with {@code GET /admin/clock} ({@link ClockReading}). With
 * {@code keyrenewal.clock.movable=true} (local demo and system tests only) it can be moved forward over HTTP
 * ({@link ClockController}), on renewal-service and keystore-service alike, so a test can reach a 90-day retention
 * date on both sides; {@code keyrenewal.clock.start-offset} starts it moved. A service imports it
 * ({@code @Import(ClockConfiguration.class)}); one that reacts to a move listens for {@link ClockMoved}.
 */
@Configuration(proxyBeanMethods = false)
@Import({ClockReading.class, ClockController.class})
public class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock(@Value("${keyrenewal.clock.movable:false}") boolean movable,
                       @Value("${keyrenewal.clock.start-offset:PT0S}") Duration startOffset) {
        return movable ? MovableClock.startingAt(Clock.systemUTC(), startOffset) : Clock.systemUTC();
    }
}
