package io.keyrenewal.ctl;

import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import io.keyrenewal.testsupport.kafka.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code renewalctl dead-letters} against a real broker, with dead letters as the services' error handler writes them
 * (Spring's DeadLetterPublishingRecoverer: same partition, {@code kafka_dlt-*} headers, the reason).
 */
@KafkaTestBroker(partitions = 3, topics = {DeadLetterCommandsTest.TOPIC, DeadLetterCommandsTest.DLT})
class DeadLetterCommandsTest {

    static final String TOPIC = Topics.PARTNER_CONFIRMATIONS;
    /** Topics.deadLetter(TOPIC), spelled out as the annotation needs a constant (checked before the tests). */
    static final String DLT = Topics.PARTNER_CONFIRMATIONS + ".dlt";

    private static TestKafka kafka;
    private static KafkaTemplate<String, String> template;

    @BeforeAll
    static void startProducing(TestKafka broker) {
        assertThat(DLT).isEqualTo(Topics.deadLetter(TOPIC));
        kafka = broker;
        template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
    }

    @AfterAll
    static void stopProducing() {
        template.destroy();
    }

    @Test
    void listsTheDeadLettersAndReplaysThemToTheirTopicOnceEach() {
        deadLetter(1, 7, "renewal-a", "{\"a\":1}", "ce-a", "confirmation rejected (UNAUTHENTICATED): not signed");
        deadLetter(2, 3, "renewal-b", "{\"b\":2}", "ce-b", "unknown renewal: no renewal has id renewal-b");

        Run list = run("dead-letters", "list", "--topic", DLT);
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("1/0  ", "key renewal-a  from " + TOPIC + "-1@7  WAITING",
                "reason: confirmation rejected (UNAUTHENTICATED): not signed",
                "2/0  ", "key renewal-b  from " + TOPIC + "-2@3  WAITING",
                "reason: unknown renewal: no renewal has id renewal-b", "2 dead letters in " + DLT);

        Run byOffsetAmbiguous = run("dead-letters", "replay", "--topic", DLT, "--offset", "0");
        assertThat(byOffsetAmbiguous.exitCode()).isEqualTo(RenewalCtl.REFUSED);
        assertThat(byOffsetAmbiguous.err()).contains("add --partition");

        Run byKey = run("dead-letters", "replay", "--topic", DLT, "--key", "renewal-a");
        assertThat(byKey.exitCode()).isZero();
        assertThat(byKey.out()).contains("replayed 1/0 (key renewal-a) to " + TOPIC + "-1@", "1 records replayed");
        ConsumerRecord<String, String> replayed = awaitRecords(1).get(0);
        assertThat(replayed.partition()).isEqualTo(1);
        assertThat(replayed.key()).isEqualTo("renewal-a");
        assertThat(replayed.value()).isEqualTo("{\"a\":1}");
        assertThat(header(replayed, MessageHeaders.ID)).contains("ce-a");
        assertThat(header(replayed, DeadLetterCommands.REPLAYED_FROM)).contains(DLT + "/1/0");
        assertThat(Arrays.stream(replayed.headers().toArray()).map(Header::key))
                .noneMatch(name -> name.startsWith("kafka_dlt-"))
                .doesNotContain(MessageHeaders.DEAD_LETTER_REASON);

        Run everything = run("dead-letters", "replay", "--topic", DLT, "--all");
        assertThat(everything.out()).contains("replayed 1/0", "replayed 2/0", "2 records replayed");
        assertThat(awaitRecords(3)).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("renewal-a", "renewal-a", "renewal-b");

        Run again = run("dead-letters", "replay", "--topic", DLT, "--all");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("0 records replayed");
        assertThat(run("dead-letters", "list", "--topic", DLT).out())
                .contains("from " + TOPIC + "-1@7  REPLAYED", "from " + TOPIC + "-2@3  REPLAYED");
        assertThat(awaitRecords(3)).hasSize(3);
    }

    @Test
    void refusesATopicThatIsNoDeadLetterTopicAndAnUnclearChoice() {
        assertThat(run("dead-letters", "list", "--topic", TOPIC).exitCode()).isEqualTo(RenewalCtl.REFUSED);
        Run neither = run("dead-letters", "replay", "--topic", DLT);
        assertThat(neither.exitCode()).isEqualTo(RenewalCtl.REFUSED);
        assertThat(neither.err()).contains("exactly one of");
        assertThat(run("dead-letters", "list", "--topic", "no.such.topic.dlt").err()).contains("does not exist");
    }

    /** What the services' error handler does with a record it cannot handle. */
    private static void deadLetter(int partition, long offset, String key, String value, String eventId,
                                   String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(MessageHeaders.ID, eventId.getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, String> failed = new ConsumerRecord<>(TOPIC, partition, offset, 0L,
                TimestampType.CREATE_TIME, 0, 0, key, value, headers, Optional.empty());
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        recoverer.setHeadersFunction((record, failure) -> new RecordHeaders().add(MessageHeaders.DEAD_LETTER_REASON,
                reason.getBytes(StandardCharsets.UTF_8)));
        recoverer.accept(failed, new ListenerExecutionFailedException("listener failed",
                new IllegalStateException(reason)));
    }

    private static List<ConsumerRecord<String, String>> awaitRecords(int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
            return records;
        }
    }

    private static Optional<String> header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(found -> new String(found.value(), StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RenewalCtl.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> withBroker = new ArrayList<>(List.of(args));
        withBroker.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers()));
        int exitCode = commandLine.execute(withBroker.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }
}
