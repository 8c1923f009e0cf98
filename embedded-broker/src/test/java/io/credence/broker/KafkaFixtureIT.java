package io.credence.broker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaFixtureIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static KafkaFixture kafka;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaFixture.start();
    }

    @AfterAll
    static void closeKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void createsCompactedAndDeletingTopics() throws Exception {
        kafka.createTopic("fixture-compacted", 1, true);
        kafka.createTopic("fixture-deleting", 3, false);

        assertThat(cleanupPolicy("fixture-compacted")).isEqualTo("compact");
        assertThat(cleanupPolicy("fixture-deleting")).isEqualTo("delete");
        assertThat(kafka.admin().describeTopics(List.of("fixture-deleting")).allTopicNames().get()
                .get("fixture-deleting").partitions()).hasSize(3);
    }

    @Test
    void consumesExactlyWhatWasProduced() {
        kafka.createTopic("fixture-roundtrip", 2, false);
        kafka.produce(List.of(
                new ProducerRecord<>("fixture-roundtrip", 0, bytes("k1"), bytes("v1")),
                new ProducerRecord<>("fixture-roundtrip", 1, bytes("k2"), bytes("v2")),
                new ProducerRecord<>("fixture-roundtrip", 0, bytes("k3"), bytes("v3"))));

        assertThat(keyValues(kafka.consume("fixture-roundtrip", 3, TIMEOUT)))
                .containsExactlyInAnyOrder("k1=v1", "k2=v2", "k3=v3");
    }

    @Test
    void waitsForATopicThatIsCreatedLater() throws Exception {
        CompletableFuture<List<ConsumerRecord<byte[], byte[]>>> reading =
                CompletableFuture.supplyAsync(() -> kafka.consume("fixture-later", 1, TIMEOUT));

        kafka.createTopic("fixture-later", 1, false);
        kafka.produce("fixture-later", bytes("k"), bytes("late"));

        assertThat(keyValues(reading.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS))).containsExactly("k=late");
    }

    @Test
    void readsOnlyCommittedTransactionsAndFailsClearlyAtTheDeadline() {
        kafka.createTopic("fixture-open-transaction", 1, false);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fixture-open-transaction"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("fixture-open-transaction", bytes("k"), bytes("pending")));
            producer.flush();

            assertThatThrownBy(() -> kafka.consume("fixture-open-transaction", 1, Duration.ofSeconds(2)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("Topic fixture-open-transaction: condition not met within 2000 ms; read 0 committed record(s)");

            producer.commitTransaction();
        }
        assertThat(keyValues(kafka.consume("fixture-open-transaction", 1, TIMEOUT))).containsExactly("k=pending");
    }

    @Test
    void restartedBrokerStillServesCommittedRecords() {
        assumeTrue(kafka.canRestartBroker(), "only the embedded broker can be restarted");
        kafka.createTopic("fixture-restart", 1, false);
        kafka.produce("fixture-restart", bytes("k"), bytes("before"));

        kafka.restartBroker();
        kafka.produce("fixture-restart", bytes("k"), bytes("after"));

        assertThat(keyValues(kafka.consume("fixture-restart", 2, TIMEOUT))).containsExactly("k=before", "k=after");
    }

    private static String cleanupPolicy(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = kafka.admin().describeConfigs(List.of(resource)).all().get().get(resource);
        return config.get("cleanup.policy").value();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static List<String> keyValues(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(record -> new String(record.key(), UTF_8) + "=" + new String(record.value(), UTF_8))
                .toList();
    }
}
