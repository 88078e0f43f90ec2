package io.keyrenewal.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.CloudEventHeaders;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.localstack.JsonHttp;
import io.keyrenewal.localstack.LocalStackFailure;
import io.keyrenewal.localstack.TopicFollower;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's policy phase ({@code --policy-renewal}): the worst day done the way a tenant would, by one policy
 * change per purpose instead of a start request per alias. It sets each purpose's default policy so that every
 * certificate the run made is due now and a certificate made from now on is not, lets the expiry watch of every alias
 * start its renewal, and reads what the watches report on {@code alias.watch.v1}. The policies are removed once
 * their renewals are under way, as a tenant removes an emergency policy.
 */
final class PolicyRenewal implements AutoCloseable {

    private static final int REASON_EXAMPLES = 3;

    private final JsonHttp renewalService;
    private final TopicFollower follower;
    /** The renewals the watches started, by renewal id (the relay delivers at least once). */
    private final Set<String> startedByPolicy = ConcurrentHashMap.newKeySet();
    private final Set<String> aliasesStarted = ConcurrentHashMap.newKeySet();
    private final AtomicLong startsReported = new AtomicLong();
    private final AtomicLong notStarted = new AtomicLong();
    private final List<String> reasons = Collections.synchronizedList(new ArrayList<>());
    private volatile long lastStartNanos = -1;

    PolicyRenewal(String bootstrapServers, JsonHttp renewalService) {
        this.renewalService = renewalService;
        this.follower = TopicFollower.start(bootstrapServers, Topics.ALIAS_WATCH, "keyrenewal-bench-watch",
                "bench-alias-watch", this::handle, failure -> { });
    }

    /**
     * How many days before expiry the policies start a renewal: one day more than the most any certificate of the
     * run has left (the one expiring soonest, plus a day for those made later the same day), plus half of
     * {@code ahead}: the certificates the policy renewals make have {@code ahead} more days left than the run's
     * had, so they are not due until about half of {@code ahead} after they are made.
     */
    int startDaysBeforeExpiry(Duration ahead) {
        JsonNode soonest = renewalService.get("/aliases?size=1");
        if (!soonest.isArray() || soonest.isEmpty() || soonest.get(0).path("daysLeft").isNull()) {
            throw new LocalStackFailure("GET /aliases lists no alias with a certificate: the expiry watch has not"
                    + " seen the run's certificates (" + soonest + ")");
        }
        return soonest.get(0).path("daysLeft").asInt() + 1 + (int) (ahead.toDays() / 2);
    }

    /**
     * Sets the default policy of the purpose of each of {@code playbooks} (its first playbook for a purpose two
     * share): that playbook, {@code AUTOMATIC} approval, an EC P-256 key, one day guaranteed delivery, started
     * {@code startDaysBeforeExpiry} days before expiry. The scopes set.
     */
    List<String> set(Collection<Playbook> playbooks, int startDaysBeforeExpiry) {
        Map<KeyPurpose, Playbook> byPurpose = new LinkedHashMap<>();
        playbooks.forEach(playbook -> byPurpose.putIfAbsent(Playbooks.of(playbook).purpose(), playbook));
        List<String> scopes = new ArrayList<>();
        byPurpose.forEach((purpose, playbook) -> {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("playbook", playbook.name());
            policy.put("guaranteedDeliveryTime", RenewalStarts.GUARANTEED_DELIVERY_TIME);
            policy.put("exchangeApproval", "AUTOMATIC");
            policy.put("keyAlgorithm", "EC_P256");
            policy.put("startDaysBeforeExpiry", startDaysBeforeExpiry);
            String scope = "purpose:" + purpose.name();
            expect(renewalService.put("/policies/" + scope, policy), "PUT /policies/" + scope);
            scopes.add(scope);
        });
        return scopes;
    }

    void remove(List<String> scopes) {
        scopes.forEach(scope -> expect(renewalService.delete("/policies/" + scope), "DELETE /policies/" + scope));
    }

    /** Renewals the watches started (distinct ids). */
    long started() {
        return startedByPolicy.size();
    }

    /** Aliases the watches started a renewal of (distinct). */
    long aliases() {
        return aliasesStarted.size();
    }

    /** {@code RenewalStartedByPolicy} records read, a redelivery counted again. */
    long startsReported() {
        return startsReported.get();
    }

    /** {@code RenewalByPolicyNotStarted} records read. */
    long notStarted() {
        return notStarted.get();
    }

    /** The first reasons a watch gave for not starting. */
    List<String> reasons() {
        synchronized (reasons) {
            return List.copyOf(reasons);
        }
    }

    /** When the last {@code RenewalStartedByPolicy} was read ({@code System.nanoTime()}); -1 before the first. */
    long lastStartNanos() {
        return lastStartNanos;
    }

    RuntimeException failure() {
        return follower.failure();
    }

    @Override
    public void close() {
        follower.close();
    }

    private void handle(ConsumerRecord<String, String> record, long now) {
        String type = CloudEventHeaders.read(record.headers(), MessageHeaders.TYPE).orElse("");
        if ("RenewalStartedByPolicy".equals(type)) {
            JsonNode event = ContractJson.read(record.value(), JsonNode.class);
            startsReported.incrementAndGet();
            startedByPolicy.add(event.path("renewalId").asText());
            aliasesStarted.add(event.path("alias").asText());
            lastStartNanos = now;
        } else if ("RenewalByPolicyNotStarted".equals(type)) {
            notStarted.incrementAndGet();
            synchronized (reasons) {
                if (reasons.size() < REASON_EXAMPLES) {
                    JsonNode event = ContractJson.read(record.value(), JsonNode.class);
                    reasons.add(event.path("alias").asText() + ": " + event.path("reason").asText());
                }
            }
        }
    }

    private static void expect(HttpResponse<String> response, String call) {
        if (response.statusCode() != 200) {
            throw new LocalStackFailure(call + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
