package io.credence.trainer.streams;

import io.credence.trainer.config.TrainerTopics;
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
 * Makes the trainer's topics ready before the topology starts: creates the missing ones (compacted where required,
 * with the configured partitions and replication) and checks that existing compacted topics really are, failing with
 * what to change otherwise. Works against any broker the admin client can reach.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final Duration timeout;

    /** A provisioner using {@code admin}, waiting at most {@code timeout} for each admin call. */
    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Creates every missing topic of {@code topics} and validates the rest; returns once the broker describes every topic
     * created here.
     *
     * @throws IllegalStateException when an existing topic has the wrong cleanup policy, or the broker cannot be
     *                               reached in time
     */
    public void ensure(TrainerTopics topics) {
        for (TrainerTopics.Topic topic : topics.all()) {
            // A topic created here has the right settings by construction; one that existed is checked.
            if (!exists(topic.name()) && create(topic, topics.partitions(), topics.replicationFactor())) continue;
            validate(topic);
        }
        awaitDescribed(topics.all().stream().map(TrainerTopics.Topic::name).toList());
    }

    /**
     * Polls until the broker describes every one of {@code names}: a broker learns of a topic a moment after its
     * creation is acknowledged, and a client that looks the topic up before then (Kafka Streams at start, an admin
     * client) is told that it does not exist.
     */
    private void awaitDescribed(List<String> names) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                await(admin.describeTopics(names).allTopicNames(), "describe topics " + names);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) throw failure("describe topics " + names, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker does not describe all of " + names + " within " + timeout + " of their creation");
            }
            try {
                Thread.sleep(100); // the poll interval of a bounded wait for the broker's metadata
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the broker to describe " + names, e);
            }
        }
    }

    /**
     * The partition count shared by {@code topics} (of one topic: its count), which must be co-partitioned for the
     * trainer to read them without repartitioning.
     *
     * @throws IllegalStateException when their partition counts differ, saying what to change
     */
    public int copartitioned(String... topics) {
        Map<String, TopicDescription> described;
        try {
            described = await(admin.describeTopics(List.of(topics)).allTopicNames(), "describe topics " + List.of(topics));
        } catch (ExecutionException e) {
            throw failure("describe topics " + List.of(topics), e);
        }
        Set<Integer> counts = described.values().stream().map(d -> d.partitions().size()).collect(Collectors.toSet());
        if (counts.size() != 1) {
            throw new IllegalStateException("credence.trainer.input-keyed-by-model=true needs " + List.of(topics)
                    + " to have as many partitions, but they have " + described.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue().partitions().size()).collect(Collectors.joining(", "))
                    + " (add partitions to the smaller with kafka-topics.sh --alter, or turn the option off)");
        }
        return counts.iterator().next();
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
    private boolean create(TrainerTopics.Topic topic, int partitions, short replication) {
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

    private void validate(TrainerTopics.Topic topic) {
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
                    + ", but the trainer needs cleanup.policy=compact there so the newest value of every model is kept forever"
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
