package io.keyrenewal.localstack;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads one topic from the beginning in a consumer group of its own ({@link KafkaClients#viewer}) on a daemon thread
 * and hands each record to a handler with the time the poll returned ({@code System.nanoTime()}); remembers when
 * records last came and what stopped it. The demo's timeline and scripted receiver and the benchmark read this way.
 */
public final class TopicFollower implements AutoCloseable {

    /** Takes one record received at {@code receivedNanos}. */
    public interface Handler {
        void handle(ConsumerRecord<String, String> record, long receivedNanos);
    }

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;
    private volatile long lastRecordNanos = System.nanoTime();
    private volatile RuntimeException failure;
    private volatile boolean closing;

    private final Handler handler;
    private final Consumer<RuntimeException> onFailure;

    private TopicFollower(String bootstrapServers, String topic, String groupPrefix, String threadName,
                          Handler handler, Consumer<RuntimeException> onFailure) {
        this.consumer = KafkaClients.viewer(bootstrapServers, groupPrefix);
        this.handler = handler;
        this.onFailure = onFailure;
        this.poller = new Thread(() -> follow(topic), threadName);
        this.poller.setDaemon(true);
    }

    /**
     * Starts reading {@code topic} on a thread named {@code threadName}.
     *
     * @param onFailure told when the reading stops on an error (a handler's included); it does not start again
     */
    public static TopicFollower start(String bootstrapServers, String topic, String groupPrefix, String threadName,
                                      Handler handler, Consumer<RuntimeException> onFailure) {
        TopicFollower follower = new TopicFollower(bootstrapServers, topic, groupPrefix, threadName, handler,
                onFailure);
        follower.poller.start();
        return follower;
    }

    /** When the last poll that returned records returned ({@code System.nanoTime()}; the start before the first). */
    public long lastRecordNanos() {
        return lastRecordNanos;
    }

    /** What stopped the reading, or null while it reads. */
    public RuntimeException failure() {
        return failure;
    }

    /** Stops reading and waits up to 10 s for the thread to end. */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            poller.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void follow(String topic) {
        // The group commits nothing, so after a rebalance (the broker restarted, say) a partition it gets again would
        // be read from the beginning: it goes on where it was instead, and a record it handled is never handed again.
        Map<TopicPartition, Long> next = new HashMap<>();
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // nothing to commit
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    partitions.stream().filter(next::containsKey)
                            .forEach(partition -> consumer.seek(partition, next.get(partition)));
                }
            });
            while (!closing) {
                var records = consumer.poll(POLL_TIMEOUT);
                long now = System.nanoTime();
                for (ConsumerRecord<String, String> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < next.getOrDefault(partition, 0L)) {
                        continue;
                    }
                    next.put(partition, record.offset() + 1);
                    handler.handle(record, now);
                }
                if (!records.isEmpty()) {
                    lastRecordNanos = now;
                }
            }
        } catch (WakeupException stopping) {
            // close()
        } catch (RuntimeException e) {
            failure = e;
            onFailure.accept(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
