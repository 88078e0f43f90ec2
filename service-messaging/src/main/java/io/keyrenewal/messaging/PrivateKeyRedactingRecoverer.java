package io.keyrenewal.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Publishes a record that cannot be applied to its dead-letter topic, as Spring's recoverer does, with any private key
 * in its value cut out: a partner that put its private key into a confirmation (refused, so dead-lettered) must not
 * have the system copy it to a topic operators read. The record on the partner's own topic is the partner's to
 * replace; the dead letter keeps everything else and says what was removed ({@value #REDACTED_HEADER}).
 * Written by hand: Spring's recoverer can add headers but not change a value, so this overrides its one hook for it.
 */
public class PrivateKeyRedactingRecoverer extends DeadLetterPublishingRecoverer {

    /** Header of a dead letter whose value had a private key cut out. */
    public static final String REDACTED_HEADER = "keyrenewal_redacted";
    static final String REPLACEMENT = "[private key removed]";
    /** A PEM private key block (PKCS#8, RSA, EC, encrypted), to its end or, cut short, to the end of the value. */
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(-----END \\1PRIVATE KEY-----|$)", Pattern.DOTALL);

    public PrivateKeyRedactingRecoverer(KafkaOperations<?, ?> kafka,
                                        BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination) {
        super(kafka, destination);
    }

    /** {@code value} with every private key block replaced, or the same string if it holds none. */
    public static String redacted(String value) {
        if (value == null || !value.contains("PRIVATE KEY-----")) {
            return value;
        }
        return PRIVATE_KEY.matcher(value).replaceAll(REPLACEMENT);
    }

    @Override
    protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
                                                                  TopicPartition topicPartition, Headers headers,
                                                                  byte[] key, byte[] value) {
        ProducerRecord<Object, Object> letter = super.createProducerRecord(record, topicPartition, headers, key,
                value);
        Object body = letter.value();
        String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : body instanceof String string ? string : null;
        String redacted = redacted(text);
        if (redacted == null || redacted.equals(text)) {
            return letter;
        }
        letter.headers().add(REDACTED_HEADER, "a private key was removed from the value".getBytes(
                StandardCharsets.UTF_8));
        Object newBody = body instanceof byte[] ? redacted.getBytes(StandardCharsets.UTF_8) : redacted;
        return new ProducerRecord<>(letter.topic(), letter.partition(), letter.timestamp(), letter.key(), newBody,
                letter.headers());
    }
}
