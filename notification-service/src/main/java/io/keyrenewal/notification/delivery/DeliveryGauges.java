package io.keyrenewal.notification.delivery;

import io.keyrenewal.messaging.PeriodicGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code keyrenewal.notification.deliveries.outstanding}: the deliveries not sent yet, by channel and status (queued,
 * sending, failed and waiting for their retry, parked), read from the delivery log every
 * {@code keyrenewal.metrics.refresh-interval} (default 30 s) through its status index; sent ones are counted by
 * {@code keyrenewal.notification.deliveries}. Every instance reads the same log: aggregate with {@code max}.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryGauges {

    private static final String OUTSTANDING = "keyrenewal.notification.deliveries.outstanding";

    @Bean
    PeriodicGauges outstandingDeliveries(JdbcTemplate jdbc, MeterRegistry registry, List<NotificationChannel> channels,
                                         @Value("${keyrenewal.metrics.refresh-interval:PT30S}") Duration interval) {
        return new PeriodicGauges("delivery-gauges", registry, interval,
                Map.of(OUTSTANDING, "Deliveries not sent yet, by channel and status"), () -> {
                    // every channel and status, 0 where none: a flat line rather than no data
                    Map<List<String>, Long> counts = new LinkedHashMap<>();
                    for (NotificationChannel channel : channels) {
                        for (DeliveryStatus status : OUTSTANDING_STATUSES) {
                            counts.put(List.of(channel.name(), status.name()), 0L);
                        }
                    }
                    jdbc.query("select channel, status, count(*) from notification_delivery"
                                    + " where status in ('QUEUED', 'SENDING', 'FAILED', 'PARKED') group by channel, status",
                            (RowCallbackHandler) row -> counts.put(List.of(row.getString(1), row.getString(2)),
                                    row.getLong(3)));
                    return counts.entrySet().stream().map(count -> new PeriodicGauges.Row(Tags.of(
                                    "channel", count.getKey().get(0),
                                    "status", count.getKey().get(1).toLowerCase(Locale.ROOT)),
                            Map.<String, Number>of(OUTSTANDING, count.getValue()))).toList();
                });
    }

    private static final List<DeliveryStatus> OUTSTANDING_STATUSES = List.of(DeliveryStatus.QUEUED,
            DeliveryStatus.SENDING, DeliveryStatus.FAILED, DeliveryStatus.PARKED);
}
