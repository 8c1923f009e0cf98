package io.credence.trainer.streams;

import io.credence.broker.KafkaFixture;
import io.credence.broker.PerTestClass;
import io.credence.trainer.TrainerOverrides;
import io.credence.trainer.config.TrainerTopics;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TopicProvisioner on a real broker whose metadata lags topic creation (simulated: the first lookups of all the topics
 * at once answer that they do not exist). It returns only once the broker describes every topic, so that Kafka Streams
 * and the callers of TrainerApp.start find them; before, a describe right after start could fail.
 */
class TopicProvisionerIT {

    @RegisterExtension
    static final PerTestClass<KafkaFixture> kafka = new PerTestClass<>(KafkaFixture::start);

    @Test
    void returnsOnceTheBrokerDescribesEveryTopic() {
        TrainerTopics topics = TrainerOverrides.topics("provisioned", 2);
        try (LaggingMetadata admin = new LaggingMetadata(3)) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(topics);

            assertThat(admin.laggedLookups.get()).as("lookups of all topics answered 'unknown' before the real one").isEqualTo(3);
            assertThat(kafka.get().admin().describeTopics(topics.all().stream().map(TrainerTopics.Topic::name).toList())
                    .allTopicNames().toCompletionStage().toCompletableFuture().join()).hasSize(5);
        }
    }

    /** An admin client whose first {@code lagging} lookups of several topics at once answer UNKNOWN_TOPIC_OR_PARTITION. */
    private static final class LaggingMetadata extends ForwardingAdmin {
        final AtomicInteger laggedLookups = new AtomicInteger();
        private final int lagging;

        LaggingMetadata(int lagging) {
            super(new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get().bootstrapServers())));
            this.lagging = lagging;
        }

        @Override
        public DescribeTopicsResult describeTopics(TopicCollection topics, DescribeTopicsOptions options) {
            Collection<String> names = ((TopicCollection.TopicNameCollection) topics).topicNames();
            if (names.size() < 2 || laggedLookups.get() >= lagging) return super.describeTopics(topics, options);
            laggedLookups.incrementAndGet();
            Map<String, KafkaFuture<TopicDescription>> unknown = new HashMap<>();
            for (String name : names) {
                KafkaFutureImpl<TopicDescription> future = new KafkaFutureImpl<>();
                future.completeExceptionally(new UnknownTopicOrPartitionException("not in this broker's metadata yet: " + name));
                unknown.put(name, future);
            }
            return new DescribeTopicsResult(null, unknown) {
            };
        }
    }
}
