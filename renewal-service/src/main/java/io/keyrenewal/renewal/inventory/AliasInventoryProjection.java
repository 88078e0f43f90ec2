package io.keyrenewal.renewal.inventory;

import io.keyrenewal.contracts.watch.CertificateExpiredUnrenewed;
import io.keyrenewal.contracts.watch.CertificateWatched;
import io.keyrenewal.contracts.watch.ExpiryTierReached;
import io.keyrenewal.contracts.watch.RenewalByPolicyNotStarted;
import io.keyrenewal.contracts.watch.RenewalStartedByPolicy;
import io.keyrenewal.renewal.metrics.RenewalMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * The watch's events in the inventory, in the transaction that stores them (subscribing), and in the metrics:
 * {@code keyrenewal.watch.tier.reached} (tag {@code tier}, the days), {@code keyrenewal.watch.renewals.started},
 * {@code keyrenewal.watch.renewals.not.started} and {@code keyrenewal.watch.expired.unrenewed}, each counted once its
 * event is committed.
 */
@Component
@ProcessingGroup(AliasInventoryProjection.PROCESSING_GROUP)
public class AliasInventoryProjection {

    public static final String PROCESSING_GROUP = "alias-inventory";

    private final AliasInventory inventory;
    private final MeterRegistry registry;

    public AliasInventoryProjection(AliasInventory inventory, MeterRegistry registry) {
        this.inventory = inventory;
        this.registry = registry;
    }

    @EventHandler
    void on(CertificateWatched event) {
        inventory.watched(event);
    }

    @EventHandler
    void on(ExpiryTierReached event) {
        inventory.tierReached(event);
        count(Counter.builder("keyrenewal.watch.tier.reached")
                .description("Expiry tiers reached by the certificates the watch follows")
                .tag("tier", String.valueOf(event.tierDays())));
    }

    @EventHandler
    void on(RenewalStartedByPolicy event) {
        inventory.startedByPolicy(event);
        count(Counter.builder("keyrenewal.watch.renewals.started").description("Renewals started by policy"));
    }

    @EventHandler
    void on(RenewalByPolicyNotStarted event) {
        count(Counter.builder("keyrenewal.watch.renewals.not.started")
                .description("Renewals a policy asked for that could not start"));
    }

    @EventHandler
    void on(CertificateExpiredUnrenewed event) {
        count(Counter.builder("keyrenewal.watch.expired.unrenewed")
                .description("Certificates that expired with no renewal completed"));
    }

    private void count(Counter.Builder counter) {
        RenewalMetrics.afterCommit(() -> counter.register(registry).increment());
    }
}
