package io.keyrenewal.localstack.bench;

import io.keyrenewal.localstack.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.List;

/**
 * Reads one topic from the beginning in a group of its own on a daemon thread and hands each record to a handler
 * with the time the poll returned ({@code System.nanoTime()}); remembers when records last came and what stopped it.
 */
final class TopicFollower implements AutoCloseable {

    /** Takes one record received at {@code receivedNanos}. */
    interface Handler {
        void handle(ConsumerRecord<String, String> record, long receivedNanos);
    }

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;
    private volatile long lastRecordNanos = System.nanoTime();
    private volatile RuntimeException failure;
    private volatile boolean closing;

    TopicFollower(String bootstrapServers, String topic, String groupPrefix, Handler handler) {
        this.consumer = KafkaClients.viewer(bootstrapServers, groupPrefix);
        this.poller = new Thread(() -> follow(topic, handler), "bench-" + topic);
        this.poller.setDaemon(true);
        this.poller.start();
    }

    long lastRecordNanos() {
        return lastRecordNanos;
    }

    /** What stopped the reader, or null while it reads. */
    RuntimeException failure() {
        return failure;
    }

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

    private void follow(String topic, Handler handler) {
        try {
            consumer.subscribe(List.of(topic));
            while (!closing) {
                var records = consumer.poll(POLL_TIMEOUT);
                long now = System.nanoTime();
                for (ConsumerRecord<String, String> record : records) {
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
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
