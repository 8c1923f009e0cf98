package io.credence.scorer.streams;

import io.credence.scorer.config.ScorerTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Creates the scorer's missing topics before Kafka Streams starts (which refuses missing source topics), never
 * altering existing ones, then waits until the broker describes every topic with its partitions.
 *
 * <p>The wait matters: a broker learns of a topic a moment after its creation is acknowledged, and Kafka Streams'
 * global thread looks up the snapshot topic's partitions once, at start, and dies if it finds none (seen on a loaded
 * machine when the scorer created its topics itself).
 */
final class TopicCreator {
    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 100;

    private TopicCreator() {}

    static void createMissing(Map<String, Object> adminProperties, ScorerTopics topics) {
        try (Admin admin = Admin.create(adminProperties)) {
            createMissing(admin, topics, TIMEOUT);
        }
    }

    /** Creates the missing topics with {@code admin}, then waits up to {@code timeout} until all are described. */
    static void createMissing(Admin admin, ScorerTopics topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.all().stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), topics.partitions(), topics.replicationFactor())
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                                    t.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE)))
                    .toList();
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    log.info("created topic {} ({} partitions, replication {}, {})", topic.name(), topic.numPartitions(),
                            topic.replicationFactor(), topic.configs());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                    log.info("topic {} was created concurrently by another app", topic.name());
                }
            }
            awaitDescribed(admin, topics.all().stream().map(ScorerTopics.Topic::name).collect(Collectors.toSet()), deadline);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the scorer's topics " + topics.all() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the scorer's topics", e);
        }
    }

    /** Polls until the broker describes every one of {@code names} with at least one partition. */
    private static void awaitDescribed(Admin admin, Set<String> names, long deadlineNanos)
            throws ExecutionException, TimeoutException, InterruptedException {
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                        .get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (described.values().stream().noneMatch(d -> d.partitions().isEmpty())) return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) throw e;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new TimeoutException("the broker does not describe all of " + names + " with partitions");
            }
            Thread.sleep(POLL_MILLIS); // the poll interval of a bounded wait for the broker's metadata
        }
    }
}
