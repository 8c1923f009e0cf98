package io.credence.scorer.streams;

import io.credence.scorer.config.ScorerTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the scorer's missing topics before Kafka Streams starts (which refuses missing source topics); never alters existing ones. */
final class TopicCreator {
    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);
    private static final long TIMEOUT_SECONDS = 60;

    private TopicCreator() {}

    static void createMissing(Map<String, Object> adminProperties, ScorerTopics topics) {
        try (Admin admin = Admin.create(adminProperties)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.all().stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), topics.partitions(), topics.replicationFactor())
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                                    t.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE)))
                    .toList();
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    log.info("created topic {} ({} partitions, replication {}, {})", topic.name(), topic.numPartitions(),
                            topic.replicationFactor(), topic.configs());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                    log.info("topic {} was created concurrently by another app", topic.name());
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the scorer's topics " + topics.all() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the scorer's topics", e);
        }
    }
}
