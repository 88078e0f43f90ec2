package io.keyrenewal.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Gauges whose rows a service reads from its database (a grouped count, say) every {@code interval} on a thread of
 * their own, off the request and message paths: each reading replaces the rows, so a row that is no longer read goes
 * away. If a reading fails (the database is down) the gauges keep their last figures and the next round tries again.
 * A Spring bean of this type starts and stops with the context.
 * <p>
 * Micrometer's {@link MultiGauge} keeps the rows; this adds the schedule, which Micrometer leaves to the caller.
 */
public final class PeriodicGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicGauges.class);

    /** One row: its tags and a value for each gauge (by name) it belongs to. */
    public record Row(Tags tags, Map<String, Number> values) {
    }

    private final String name;
    private final Duration interval;
    private final Supplier<List<Row>> reading;
    private final Map<String, MultiGauge> gauges = new LinkedHashMap<>();
    private ScheduledExecutorService refresher;

    /**
     * @param name         names the refreshing thread and the log lines
     * @param descriptions each gauge's name and description
     * @param reading      reads the rows now
     */
    public PeriodicGauges(String name, MeterRegistry registry, Duration interval, Map<String, String> descriptions,
                          Supplier<List<Row>> reading) {
        this.name = name;
        this.interval = interval;
        this.reading = reading;
        descriptions.forEach((gauge, description) -> gauges.put(gauge,
                MultiGauge.builder(gauge).description(description).register(registry)));
    }

    /** Reads the rows now and replaces the gauges' rows with them. */
    public void refresh() {
        Map<String, List<MultiGauge.Row<?>>> rows = new LinkedHashMap<>();
        gauges.keySet().forEach(gauge -> rows.put(gauge, new ArrayList<>()));
        for (Row row : reading.get()) {
            row.values().forEach((gauge, value) -> rows.get(gauge).add(MultiGauge.Row.of(row.tags(), value)));
        }
        gauges.forEach((gauge, multiGauge) -> multiGauge.register(rows.get(gauge), true));
    }

    @Override
    public synchronized void start() {
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.debug("{}: could not read the gauges' rows now, keeping the last ones: {}", name, e.toString());
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
