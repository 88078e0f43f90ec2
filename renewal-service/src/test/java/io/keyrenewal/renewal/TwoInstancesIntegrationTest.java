package io.keyrenewal.renewal;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.MessageHeaders;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.renewal.support.Certificates;
import io.keyrenewal.renewal.support.Http;
import io.keyrenewal.renewal.support.PartnerSystem;
import io.keyrenewal.renewal.support.Records;
import io.keyrenewal.renewal.support.TopicRecorder;
import io.keyrenewal.testsupport.RealPostgres;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import io.keyrenewal.testsupport.kafka.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of renewal-service on one PostgreSQL database and one broker, as behind a load balancer: renewals
 * started on either, the tenant's approval of one renewal sent to both at the same moment. One takes the step, the
 * other answers on the new state (never a server error), and every event is stored and published once.
 */
@KafkaTestBroker(partitions = 3)
class TwoInstancesIntegrationTest {

    private static final int RENEWALS = 8;
    private static final String PLAYBOOK = "TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH";
    private static final String[] UNTIL_DECIDED = {"RenewalStarted", "NewKeyPairCreated", "CertificateProvided",
            "PartnerVerifiesBoth", "KeyPairExchangeApproved", "KeyPairExchangeDecided"};

    private final RealPostgres.Database database = RealPostgres.freshDatabase();

    @Test
    void oneInstanceTakesAStepSentToBothAtOnceAndEachEventIsPublishedOnce(TestKafka broker) throws Exception {
        try (ConfigurableApplicationContext one = run(broker, "one");
             ConfigurableApplicationContext two = run(broker, "two");
             TopicRecorder events = new TopicRecorder(broker.bootstrapServers(), Topics.RENEWAL_EVENTS);
             KafkaProducer<String, String> kafka = producer(broker)) {
            List<Http> instances = List.of(http(one), http(two));
            PartnerSystem.ACME.register(instances.get(0), true);

            List<String> renewals = new ArrayList<>();
            for (int i = 0; i < RENEWALS; i++) {
                String alias = "acme-twice-" + i;
                String renewalId = start(instances.get(i % 2), alias);
                renewals.add(renewalId);
                kafka.send(Records.record(Topics.KEYSTORE_REPORTS, renewalId, new KeyPairGenerated("generated-" + i,
                        new RenewalId(renewalId), "e-" + i, alias, Certificates.certificate(alias, "02",
                        Instant.now()), Certificates.ref(alias, "01"), Instant.now()))).get();
            }
            for (String renewalId : renewals) {
                // each instance's confirmation and report listeners take some of the partitions
                events.awaitTypes(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided");
                kafka.send(PartnerSystem.ACME.confirmation(renewalId, "confirmation-" + renewalId,
                        ConfirmationType.VERIFIES_BOTH, Instant.now())).get();
            }

            for (String renewalId : renewals) {
                events.awaitTypes(renewalId, "RenewalStarted", "NewKeyPairCreated", "CertificateProvided",
                        "PartnerVerifiesBoth");
                List<HttpResponse<String>> answers = atOnce(instances, "/renewals/" + renewalId
                        + "/exchange-approval");
                assertThat(answers).as("answers of both instances to one approval")
                        .allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isIn(200, 409))
                        .anySatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
                for (HttpResponse<String> answer : answers) {
                    if (answer.statusCode() == 409) {
                        // answered on the renewal's new state: the playbook's refusal, not "try again"
                        assertThat(Http.json(answer).at("/title").asText()).as(answer.body())
                                .isNotEqualTo("Concurrent change");
                        assertThat(Http.json(answer).at("/detail").asText()).as("the refusal's reason").isNotBlank();
                    }
                }
            }

            for (String renewalId : renewals) {
                List<ConsumerRecord<String, String>> published = events.awaitTypes(renewalId, UNTIL_DECIDED);
                assertThat(published).extracting(record -> TopicRecorder.header(record, MessageHeaders.ID))
                        .doesNotHaveDuplicates();
                JsonNode view = Http.json(instances.get(1).get("/renewals/" + renewalId));
                assertThat(view.at("/renewal/awaiting").asText()).isEqualTo("KEY_PAIR_EXCHANGED");
            }
            Map<String, Long> eventsPerRenewal = events.poll(record -> renewals.contains(record.key())).stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertThat(eventsPerRenewal.values()).as("no event published twice, none missing")
                    .containsOnly((long) UNTIL_DECIDED.length);
        }
    }

    /** Sends the same POST to every instance at the same moment. */
    private static List<HttpResponse<String>> atOnce(List<Http> instances, String path)
            throws InterruptedException, ExecutionException {
        CountDownLatch ready = new CountDownLatch(instances.size());
        List<CompletableFuture<HttpResponse<String>>> sent = instances.stream()
                .map(instance -> CompletableFuture.supplyAsync(() -> {
                    ready.countDown();
                    try {
                        ready.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return instance.post(path, "");
                }))
                .toList();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : sent) {
            answers.add(answer.get());
        }
        return answers;
    }

    private static String start(Http instance, String alias) {
        HttpResponse<String> response = instance.post("/renewals", "{\"alias\":\"" + alias
                + "\",\"partnerId\":\"acme\",\"guaranteedDeliveryTime\":\"P7D\",\"playbook\":\"" + PLAYBOOK + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get("renewalId").asText();
    }

    private static Http http(ConfigurableApplicationContext instance) {
        return new Http("http://127.0.0.1:" + instance.getEnvironment().getProperty("local.server.port"));
    }

    private static KafkaProducer<String, String> producer(TestKafka broker) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private ConfigurableApplicationContext run(TestKafka broker, String instanceId) {
        return new SpringApplicationBuilder(RenewalServiceApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--server.port=0",
                "--keyrenewal.instance-id=" + instanceId);
    }
}
