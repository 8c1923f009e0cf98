package io.credence.scorer.streams;

import io.credence.broker.KafkaFixture;
import io.credence.broker.PerTestClass;
import io.credence.scorer.config.ScorerTopics;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TopicCreator on a real broker whose metadata lags topic creation (simulated for the first describe calls): it returns
 * only once every topic is described, so Kafka Streams' global thread, which looks the snapshot topic up once at
 * start, finds its partitions; and it gives up with a clear error when the topics never appear.
 */
class TopicCreatorIT {

    private static final ScorerTopics TOPICS = new ScorerTopics("tc-features", "tc-snapshots", "tc-metrics",
            "tc-predictions", "tc-dlq", 2, (short) 1);

    @RegisterExtension
    static final PerTestClass<KafkaFixture> kafka = new PerTestClass<>(KafkaFixture::start);

    @Test
    void waitsUntilTheBrokerDescribesEveryCreatedTopic() {
        try (LaggingMetadata admin = new LaggingMetadata(3)) {
            TopicCreator.createMissing(admin, TOPICS, Duration.ofSeconds(30));

            assertThat(admin.describeCalls.get()).as("describe calls: three unknown answers, then the topics").isEqualTo(4);
            assertThat(kafka.get().admin().describeTopics(TOPICS.all().stream().map(ScorerTopics.Topic::name).toList())
                    .allTopicNames().toCompletionStage().toCompletableFuture().join()).hasSize(5)
                    .allSatisfy((name, d) -> assertThat(d.partitions()).hasSize(2));
        }
    }

    @Test
    void failsNamingTheTopicsWhenTheyNeverAppear() {
        try (LaggingMetadata admin = new LaggingMetadata(Integer.MAX_VALUE)) {
            assertThatThrownBy(() -> TopicCreator.createMissing(admin, TOPICS, Duration.ofMillis(500)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not describe all of").hasMessageContaining("tc-snapshots");
        }
    }

    /** An admin client whose first {@code lagging} describeTopics calls answer UNKNOWN_TOPIC_OR_PARTITION for every topic. */
    private static final class LaggingMetadata extends ForwardingAdmin {
        final AtomicInteger describeCalls = new AtomicInteger();
        private final int lagging;

        LaggingMetadata(int lagging) {
            super(new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get().bootstrapServers())));
            this.lagging = lagging;
        }

        @Override
        public DescribeTopicsResult describeTopics(TopicCollection topics, DescribeTopicsOptions options) {
            if (describeCalls.incrementAndGet() > lagging) return super.describeTopics(topics, options);
            Map<String, KafkaFuture<TopicDescription>> unknown = new HashMap<>();
            for (String name : ((TopicCollection.TopicNameCollection) topics).topicNames()) {
                KafkaFutureImpl<TopicDescription> future = new KafkaFutureImpl<>();
                future.completeExceptionally(new UnknownTopicOrPartitionException("not in this broker's metadata yet: " + name));
                unknown.put(name, future);
            }
            return new DescribeTopicsResult(null, unknown) {
            };
        }
    }
}
