package io.keyrenewal.notification.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private final DeliveryProperties.Backoff backoff = new DeliveryProperties.Backoff(Duration.ofSeconds(5), 3,
            Duration.ofMinutes(2));

    @Test
    void waitsTheInitialPauseAfterTheFirstFailureAndMultipliesItAfterEachFurtherOne() {
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(15));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void neverWaitsLongerThanTheMaximum() {
        assertThat(backoff.after(4)).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.after(60)).isEqualTo(Duration.ofMinutes(2));
    }
}
