package io.credence.cli.demo;

import io.credence.cli.kafka.Clients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates every topic of the pipeline before the apps start, and waits until the broker describes each one, so the
 * apps find them complete (the apps would create missing ones themselves, but a topic just created can be briefly
 * unknown to a second admin call).
 */
final class DemoTopics {

    /** Partitions of every topic. */
    static final int PARTITIONS = 3;
    private static final List<String> COMPACTED = List.of("model-specs", "posterior-snapshots");
    private static final List<String> PLAIN = List.of("labeled-records", "training-metrics", "stream-trainer.dlq",
            "feature-records", "predictions", "stream-scorer.dlq");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private DemoTopics() {}

    static void create(Map<String, Object> settings) {
        try (Admin admin = Clients.admin(settings)) {
            List<NewTopic> topics = new ArrayList<>();
            COMPACTED.forEach(t -> topics.add(new NewTopic(t, PARTITIONS, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
            PLAIN.forEach(t -> topics.add(new NewTopic(t, PARTITIONS, (short) 1)));
            admin.createTopics(topics).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            List<ConfigResource> resources = topics.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
            while (true) {
                try {
                    admin.describeConfigs(resources).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    admin.describeTopics(topics.stream().map(NewTopic::name).toList()).allTopicNames()
                            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("the demo's topics did not become "
                            + "visible within " + TIMEOUT.toSeconds() + " s: " + e.getCause().getMessage(), e);
                    Thread.sleep(POLL.toMillis()); // polling interval of a condition with a deadline
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the demo's topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the demo's topics", e);
        }
    }
}
