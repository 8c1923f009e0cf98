package io.credence.app;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Makes an app's topics ready before its topology starts, against any broker the admin client can reach: creates the
 * missing ones (compacted where required, with the configured partitions and replication), checks that existing
 * compacted topics really are, failing with what to change otherwise, and returns only once the broker describes every
 * topic with its partitions.
 *
 * <p>The last wait matters: a broker learns of a topic a moment after its creation is acknowledged, and a client that
 * looks the topic up before then is told that it does not exist; Kafka Streams' global thread (the scorer's snapshot
 * table) looks its topic up once, at start, and dies if it finds no partitions.
 */
public final class TopicProvisioner {

    /**
     * One topic of an app and its required cleanup policy.
     *
     * @param name      topic name
     * @param compacted true when the topic keeps the newest value per key (cleanup.policy=compact) and must not delete
     */
    public record Topic(String name, boolean compacted) {
    }

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long POLL_MILLIS = 100;

    private final Admin admin;
    private final Duration timeout;
    private final String app;

    /** A provisioner for {@code app} (named in messages) using {@code admin}, waiting at most {@code timeout} for each step. */
    public TopicProvisioner(Admin admin, Duration timeout, String app) {
        this.admin = admin;
        this.timeout = timeout;
        this.app = app;
    }

    /**
     * Creates every missing topic of {@code topics} with {@code partitions} and {@code replicationFactor} and validates
     * the rest; returns once the broker describes every topic with its partitions.
     *
     * @throws IllegalStateException when an existing topic that must be compacted is not, or the broker cannot be reached
     *                               or does not describe the topics in time
     */
    public void ensure(List<Topic> topics, int partitions, short replicationFactor) {
        for (Topic topic : topics) {
            // A topic created here has the right settings by construction; one that existed is checked.
            if (!exists(topic.name()) && create(topic, partitions, replicationFactor)) continue;
            validate(topic);
        }
        awaitDescribed(topics.stream().map(Topic::name).toList());
    }

    /** The partition count of each of {@code topics}. */
    public Map<String, Integer> partitionCounts(List<String> topics) {
        try {
            return await(admin.describeTopics(topics).allTopicNames(), "describe topics " + topics).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
        } catch (ExecutionException e) {
            throw failure("describe topics " + topics, e);
        }
    }

    private void awaitDescribed(List<String> names) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described = await(admin.describeTopics(names).allTopicNames(), "describe topics " + names);
                if (described.values().stream().noneMatch(d -> d.partitions().isEmpty())) return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) throw failure("describe topics " + names, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker does not describe all of " + names + " with partitions within "
                        + timeout + " of their creation");
            }
            try {
                Thread.sleep(POLL_MILLIS); // the poll interval of a bounded wait for the broker's metadata
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the broker to describe " + names, e);
            }
        }
    }

    private boolean exists(String name) {
        try {
            await(admin.describeTopics(Set.of(name)).topicNameValues().get(name), "describe topic " + name);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) return false;
            throw failure("describe topic " + name, e);
        }
    }

    /** Creates {@code topic}; false when someone else created it first. */
    private boolean create(Topic topic, int partitions, short replication) {
        NewTopic newTopic = new NewTopic(topic.name(), Optional.of(partitions), Optional.of(replication));
        if (topic.compacted()) newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            await(admin.createTopics(List.of(newTopic)).all(), "create topic " + topic.name());
            log.info("created topic {} ({} partitions, replication {}{})", topic.name(), partitions, replication,
                    topic.compacted() ? ", compacted" : "");
            return true;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) throw failure("create topic " + topic.name(), e);
            log.info("topic {} was created concurrently", topic.name());
            return false;
        }
    }

    private void validate(Topic topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        Config config;
        try {
            config = await(admin.describeConfigs(List.of(resource)).values().get(resource), "describe configs of " + topic.name());
        } catch (ExecutionException e) {
            throw failure("describe configs of topic " + topic.name(), e);
        }
        ConfigEntry entry = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        Set<String> policy = entry == null ? Set.of(TopicConfig.CLEANUP_POLICY_DELETE)
                : Arrays.stream(entry.value().split(",")).map(String::trim).collect(Collectors.toSet());
        boolean compactOnly = policy.equals(Set.of(TopicConfig.CLEANUP_POLICY_COMPACT));
        if (topic.compacted() && !compactOnly) {
            throw new IllegalStateException("topic " + topic.name() + " has cleanup.policy=" + String.join(",", policy)
                    + ", but " + app + " needs cleanup.policy=compact there so the newest value of every model is kept forever"
                    + " (fix it with: kafka-configs.sh --alter --entity-type topics --entity-name " + topic.name()
                    + " --add-config cleanup.policy=compact)");
        }
        if (!topic.compacted() && policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            log.warn("topic {} has cleanup.policy={}: compaction drops records that share a key", topic.name(),
                    String.join(",", policy));
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) throws ExecutionException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not " + what + " within " + timeout + ": is the broker reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }

    private static IllegalStateException failure(String what, ExecutionException e) {
        return new IllegalStateException("could not " + what + ": " + e.getCause(), e.getCause());
    }
}
