package io.keyrenewal.keystore.time;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * The keystore's own clock: certificate validity, report times and its retention check read it. With
 * {@code keyrenewal.clock.movable=true} (local demo and system tests only) it can be moved forward over HTTP, like
 * renewal-service's, so a test can reach a 90-day retention date on both sides.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock(@Value("${keyrenewal.clock.movable:false}") boolean movable,
                @Value("${keyrenewal.clock.start-offset:PT0S}") Duration startOffset) {
        return movable ? MovableClock.startingAt(Clock.systemUTC(), startOffset) : Clock.systemUTC();
    }
}
