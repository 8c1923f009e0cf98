package io.credence.kit;

import io.credence.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** On a real broker: the pipeline's topics are created once and compacted where they must be; fed records are read back. */
class StackTopicsIT {
    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.builder().start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        if (admin != null) admin.close();
        if (broker != null) broker.close();
    }

    @Test
    void topicsAreCreatedOnceWithTheirCleanupPolicy() throws Exception {
        StackTopics topics = new StackTopics("t1-", 2, (short) 1);
        assertThat(topics.ensure(admin)).containsExactlyElementsOf(
                List.of("t1-model-specs", "t1-posterior-snapshots", "t1-labeled-records", "t1-training-metrics",
                        "t1-stream-trainer.dlq", "t1-feature-records", "t1-predictions", "t1-stream-scorer.dlq"));
        assertThat(topics.ensure(admin)).as("a second call finds them all").isEmpty();
        for (String name : List.of("t1-posterior-snapshots", "t1-predictions")) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(name)
                    .isEqualTo(topics.compacted().contains(name) ? "compact" : "delete");
        }
        assertThat(admin.describeTopics(List.of("t1-labeled-records")).allTopicNames().get(30, TimeUnit.SECONDS)
                .get("t1-labeled-records").partitions()).hasSize(2);
        assertThat(topics.trainerOverrides()).containsEntry("credence.topics.labeled-records", "t1-labeled-records")
                .containsEntry("credence.topics.dead-letters", "t1-stream-trainer.dlq").containsEntry("credence.topics.partitions", 2);
        assertThat(topics.scorerOverrides()).containsEntry("credence.topics.predictions", "t1-predictions")
                .containsEntry("credence.topics.dead-letters", "t1-stream-scorer.dlq");
    }

    @Test
    void fedRecordsAreReadBackByALogAndATail() throws Exception {
        StackTopics topics = new StackTopics("t2-", 3, (short) 1);
        topics.ensure(admin);
        String topic = topics.labeledRecords();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        IntStream.range(0, 30).forEach(i -> records.add(new ProducerRecord<>(topic, RecordFeed.utf8("k" + i), RecordFeed.utf8("v" + i))));
        List<String> tailed = new CopyOnWriteArrayList<>();
        try (RecordFeed feed = new RecordFeed(broker.bootstrapServers());
             TopicTail tail = new TopicTail(broker.bootstrapServers(), topic, true, (r, observed) -> tailed.add(new String(r.value())))) {
            assertThat(feed.produce(records)).hasSize(30);
            feed.send(topic, "k30", RecordFeed.utf8("v30"));
            feed.flush();
            List<String> logged = TopicLog.readCommitted(broker.bootstrapServers(), topic).stream()
                    .map(ConsumerRecord::value).map(String::new).toList();
            List<String> expected = IntStream.rangeClosed(0, 30).mapToObj(i -> "v" + i).toList();
            assertThat(logged).containsExactlyInAnyOrderElementsOf(expected);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tailed.size() < expected.size() && System.nanoTime() < deadline) {
                tail.check();
                Thread.sleep(20); // polling pace; the tail's records decide
            }
            assertThat(tailed).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(TopicLog.readCommitted(broker.bootstrapServers(), "t2-no-such-topic")).as("a topic not created yet").isEmpty();
    }
}
