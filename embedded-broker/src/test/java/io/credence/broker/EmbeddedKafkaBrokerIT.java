package io.credence.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().start();
    }

    @AfterAll
    static void closeBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void transactionsV2AreFinalizedAtTheProductionLevel() throws Exception {
        try (Admin admin = admin()) {
            Map<String, FinalizedVersionRange> finalized =
                    admin.describeFeatures().featureMetadata().get().finalizedFeatures();
            assertThat(finalized.get("transaction.version").maxVersionLevel()).isGreaterThanOrEqualTo((short) 2);
        }
    }

    @Test
    void readCommittedConsumerSeesExactlyTheCommittedTransactions() throws Exception {
        String topic = "transactions";
        createTopic(topic, 2);
        try (KafkaProducer<String, String> producer = transactionalProducer("it-transactions")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "a", "committed-1"));
            producer.send(new ProducerRecord<>(topic, 1, "b", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "c", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 1, "d", "committed-3"));
            producer.commitTransaction();
        }

        assertThat(readCommitted(topic, 3)).containsExactlyInAnyOrder("a=committed-1", "b=committed-2", "d=committed-3");
    }

    @Test
    void restartKeepsPortAndCommittedData() throws Exception {
        String topic = "survives-restart";
        createTopic(topic, 1);
        try (KafkaProducer<String, String> producer = transactionalProducer("it-restart")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "before-restart"));
            producer.commitTransaction();
        }
        String bootstrapBefore = broker.bootstrapServers();

        broker.restart();

        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.bootstrapServers()).isEqualTo(bootstrapBefore);
        try (KafkaProducer<String, String> producer = transactionalProducer("it-restart")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "after-restart"));
            producer.commitTransaction();
        }
        assertThat(readCommitted(topic, 2)).containsExactly("k=before-restart", "k=after-restart");
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    private static KafkaProducer<String, String> transactionalProducer(String transactionalId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
                new StringSerializer(), new StringSerializer());
    }

    /** Reads every partition of {@code topic} from the start until {@code expected} records arrived, then 1 poll more. */
    private static List<String> readCommitted(String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
            // The end offsets of read_committed are the last stable offsets: nothing more is visible past them.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            assertThat(partitions).allSatisfy(p -> assertThat(consumer.position(p)).isEqualTo(end.get(p)));
        }
        return seen;
    }
}
