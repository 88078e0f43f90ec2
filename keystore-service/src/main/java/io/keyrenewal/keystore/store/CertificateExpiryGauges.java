package io.keyrenewal.keystore.store;

import io.keyrenewal.messaging.PeriodicGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keystore's certificates by how soon they expire, by the keystore's clock, read from the entry index every
 * {@code keyrenewal.metrics.refresh-interval} (default 30 s):
 * <ul>
 *     <li>{@code keyrenewal.keystore.certificates} (tags {@code type}: key_pair, the tenant's, or partner_certificate;
 *     {@code state}: active, staged, archived; {@code expires}:
 *     expired, within_7d, within_14d, within_30d, within_60d, within_90d, later): how many;</li>
 *     <li>{@code keyrenewal.keystore.certificates.days.left} (tags {@code type}, {@code state}): the days until the
 *     soonest not-after of that type and state (negative once expired), the figure to alert on for the active
 *     ones.</li>
 * </ul>
 * One grouped query over the index (one row per entry, no key opened), off the request and message paths. Every
 * instance reads the same database: aggregate with {@code max} (or {@code min} for days left).
 */
@Configuration(proxyBeanMethods = false)
class CertificateExpiryGauges {

    static final String CERTIFICATES = "keyrenewal.keystore.certificates";
    static final String DAYS_LEFT = "keyrenewal.keystore.certificates.days.left";
    private static final int[] WITHIN_DAYS = {7, 14, 30, 60, 90};

    @Bean
    PeriodicGauges certificateExpiry(JdbcTemplate jdbc, MeterRegistry registry, Clock clock,
                                     @Value("${keyrenewal.metrics.refresh-interval:PT30S}") Duration interval) {
        return new PeriodicGauges("certificate-gauges", registry, interval, Map.of(
                CERTIFICATES, "Certificates in the keystore by state and how soon they expire",
                DAYS_LEFT, "Days until the soonest expiry of the keystore's certificates of a state"),
                () -> read(jdbc, clock.instant()));
    }

    static List<PeriodicGauges.Row> read(JdbcTemplate jdbc, Instant now) {
        StringBuilder bucket = new StringBuilder("case when not_after <= ? then 'expired'");
        List<Object> arguments = new ArrayList<>();
        arguments.add(Timestamp.from(now));
        for (int days : WITHIN_DAYS) {
            bucket.append(" when not_after <= ? then 'within_").append(days).append("d'");
            arguments.add(Timestamp.from(now.plus(Duration.ofDays(days))));
        }
        bucket.append(" else 'later' end");
        // one scan: the counts per bucket, and per type and state the soonest not-after over its buckets
        List<PeriodicGauges.Row> rows = new ArrayList<>();
        Map<Tags, Instant> soonest = new LinkedHashMap<>();
        jdbc.query("select entry_type, state, expires, count(*), min(not_after)"
                        + " from (select entry_type, state, not_after, " + bucket + " as expires from keystore_entry)"
                        + " entry group by entry_type, state, expires",
                (RowCallbackHandler) row -> {
                    Tags of = Tags.of("type", lower(row.getString(1)), "state", lower(row.getString(2)));
                    rows.add(new PeriodicGauges.Row(of.and("expires", row.getString(3)),
                            Map.of(CERTIFICATES, row.getLong(4))));
                    soonest.merge(of, row.getTimestamp(5).toInstant(),
                            (one, other) -> one.isBefore(other) ? one : other);
                },
                arguments.toArray());
        soonest.forEach((of, notAfter) -> rows.add(new PeriodicGauges.Row(of,
                Map.of(DAYS_LEFT, Duration.between(now, notAfter).toSeconds() / 86_400.0))));
        return rows;
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
