package io.credence.app;

import io.credence.app.TopicProvisioner.Topic;
import io.credence.broker.KafkaFixture;
import io.credence.broker.PerTestClass;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TopicProvisioner on a real broker whose metadata lags topic creation (simulated: the first lookups of all the topics
 * at once answer that they do not exist). It returns only once the broker describes every topic with its partitions,
 * so that Kafka Streams (the scorer's global snapshot table looks its topic up once, at start) and the callers of the
 * apps' start methods find them; it gives up with a clear error when they never appear, and refuses an existing topic
 * that must be compacted but is not.
 */
class TopicProvisionerIT {

    @RegisterExtension
    static final PerTestClass<KafkaFixture> kafka = new PerTestClass<>(KafkaFixture::start);

    private static List<Topic> topics(String prefix) {
        return List.of(new Topic(prefix + "-input", false), new Topic(prefix + "-snapshots", true), new Topic(prefix + "-dlq", false));
    }

    @Test
    void createsTheMissingTopicsAndReturnsOnceTheBrokerDescribesThemAll() throws Exception {
        List<Topic> topics = topics("provisioned");
        List<String> names = topics.stream().map(Topic::name).toList();
        try (LaggingMetadata admin = new LaggingMetadata(3)) {
            new TopicProvisioner(admin, Duration.ofSeconds(30), "test-app").ensure(topics, 2, (short) 1);

            assertThat(admin.laggedLookups.get()).as("lookups of all topics answered 'unknown' before the real one").isEqualTo(3);
            assertThat(kafka.get().admin().describeTopics(names).allTopicNames().get()).hasSize(3)
                    .allSatisfy((name, d) -> assertThat(d.partitions()).hasSize(2));
            ConfigResource snapshots = new ConfigResource(ConfigResource.Type.TOPIC, "provisioned-snapshots");
            assertThat(kafka.get().admin().describeConfigs(List.of(snapshots)).all().get().get(snapshots)
                    .get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(new TopicProvisioner(admin, Duration.ofSeconds(30), "test-app").partitionCounts(names))
                    .containsOnlyKeys(names).containsValues(2);
        }
    }

    @Test
    void failsNamingTheTopicsWhenTheBrokerNeverDescribesThem() {
        try (LaggingMetadata admin = new LaggingMetadata(Integer.MAX_VALUE)) {
            assertThatThrownBy(() -> new TopicProvisioner(admin, Duration.ofSeconds(3), "test-app").ensure(topics("absent"), 1, (short) 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not describe all of").hasMessageContaining("absent-snapshots");
        }
    }

    @Test
    void refusesAnExistingTopicThatMustBeCompactedButIsNotSayingHowToFixIt() throws Exception {
        kafka.get().admin().createTopics(List.of(new NewTopic("deleting-snapshots", 1, (short) 1))).all().get();
        try (LaggingMetadata admin = new LaggingMetadata(0)) {
            assertThatThrownBy(() -> new TopicProvisioner(admin, Duration.ofSeconds(30), "test-app").ensure(topics("deleting"), 1, (short) 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("topic deleting-snapshots has cleanup.policy=delete, but test-app needs cleanup.policy=compact")
                    .hasMessageContaining("--add-config cleanup.policy=compact");
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
