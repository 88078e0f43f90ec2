package io.keyrenewal.renewal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where the open renewals stand, as gauges read from the renewal views every
 * {@code keyrenewal.metrics.refresh-interval} (default 30 s), one row per playbook, awaited step(s) and next actor:
 * {@code keyrenewal.renewals.open}, {@code keyrenewal.renewals.overdue} (the partner was reminded) and
 * {@code keyrenewal.renewals.escalated} (the tenant was alerted). A row that empties goes to 0 and then away.
 * <p>
 * One grouped query over the open renewals only (the state index), off the request and event paths. Every instance
 * reads the same database, so several instances report the same figures: aggregate with {@code max}, not
 * {@code sum} (docs/grafana does).
 */
@Component
public class OpenRenewalGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OpenRenewalGauges.class);

    private static final String QUERY = """
            select playbook, awaiting, next_actor, count(*),
                   sum(case when overdue then 1 else 0 end), sum(case when escalated then 1 else 0 end)
            from renewal_view where state = 'OPEN' group by playbook, awaiting, next_actor""";

    private final JdbcTemplate jdbc;
    private final Duration interval;
    private final MultiGauge open;
    private final MultiGauge overdue;
    private final MultiGauge escalated;
    private ScheduledExecutorService refresher;

    public OpenRenewalGauges(JdbcTemplate jdbc, MeterRegistry registry,
                             @Value("${keyrenewal.metrics.refresh-interval:PT30S}") Duration interval) {
        this.jdbc = jdbc;
        this.interval = interval;
        this.open = MultiGauge.builder("keyrenewal.renewals.open")
                .description("Open renewals by playbook, awaited step and next actor").register(registry);
        this.overdue = MultiGauge.builder("keyrenewal.renewals.overdue")
                .description("Open renewals whose awaited partner step is overdue (the partner was reminded)")
                .register(registry);
        this.escalated = MultiGauge.builder("keyrenewal.renewals.escalated")
                .description("Open renewals whose overdue partner step was escalated to the tenant")
                .register(registry);
    }

    /** Reads the open renewals again and replaces the gauges' rows. */
    public void refresh() {
        List<MultiGauge.Row<?>> openRows = new ArrayList<>();
        List<MultiGauge.Row<?>> overdueRows = new ArrayList<>();
        List<MultiGauge.Row<?>> escalatedRows = new ArrayList<>();
        jdbc.query(QUERY, row -> {
            Tags tags = Tags.of("playbook", text(row.getString(1)), "awaiting", text(row.getString(2)),
                    "next_actor", text(row.getString(3)));
            openRows.add(MultiGauge.Row.of(tags, row.getLong(4)));
            overdueRows.add(MultiGauge.Row.of(tags, row.getLong(5)));
            escalatedRows.add(MultiGauge.Row.of(tags, row.getLong(6)));
        });
        open.register(openRows, true);
        overdue.register(overdueRows, true);
        escalated.register(escalatedRows, true);
    }

    private static String text(String value) {
        return value == null || value.isEmpty() ? "none" : value;
    }

    @Override
    public synchronized void start() {
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "renewal-gauges");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                // the database may be down for a while: the gauges keep their last figures and the next round tries
                log.debug("Could not read the open renewals for the gauges: {}", e.getMessage());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return refresher != null;
    }
}
