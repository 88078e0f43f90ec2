package io.keyrenewal.renewal.metrics;

import io.keyrenewal.messaging.PeriodicGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;

/**
 * Where the open renewals stand, as gauges read from the renewal views every
 * {@code keyrenewal.metrics.refresh-interval} (default 30 s), one row per playbook, awaited step(s) and next actor:
 * {@code keyrenewal.renewals.open}, {@code keyrenewal.renewals.overdue} (the partner was reminded) and
 * {@code keyrenewal.renewals.escalated} (the tenant was alerted).
 * <p>
 * One grouped query over the open renewals only (the state index), off the request and event paths. Every instance
 * reads the same database, so several instances report the same figures: aggregate with {@code max}, not
 * {@code sum} (docs/grafana does).
 */
@Configuration(proxyBeanMethods = false)
public class OpenRenewalGauges {

    private static final String QUERY = """
            select playbook, awaiting, next_actor, count(*),
                   sum(case when overdue then 1 else 0 end), sum(case when escalated then 1 else 0 end)
            from renewal_view where state = 'OPEN' group by playbook, awaiting, next_actor""";

    @Bean
    PeriodicGauges openRenewals(JdbcTemplate jdbc, MeterRegistry registry,
                                @Value("${keyrenewal.metrics.refresh-interval:PT30S}") Duration interval) {
        return new PeriodicGauges("renewal-gauges", registry, interval, Map.of(
                "keyrenewal.renewals.open", "Open renewals by playbook, awaited step and next actor",
                "keyrenewal.renewals.overdue", "Open renewals whose awaited partner step is overdue (reminded)",
                "keyrenewal.renewals.escalated", "Open renewals whose overdue partner step went to the tenant"),
                () -> jdbc.query(QUERY, (row, number) -> new PeriodicGauges.Row(
                        Tags.of("playbook", text(row.getString(1)), "awaiting", text(row.getString(2)),
                                "next_actor", text(row.getString(3))),
                        Map.of("keyrenewal.renewals.open", row.getLong(4),
                                "keyrenewal.renewals.overdue", row.getLong(5),
                                "keyrenewal.renewals.escalated", row.getLong(6)))));
    }

    private static String text(String value) {
        return value == null || value.isEmpty() ? "none" : value;
    }
}
