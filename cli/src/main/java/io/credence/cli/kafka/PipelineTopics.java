package io.credence.cli.kafka;

import io.credence.cli.CommandFailure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every topic of the Credence pipeline under its default name, created before the apps start (the apps create missing
 * topics themselves, but a second admin call right after a creation can find the topic still unknown), then awaited
 * until the broker describes each one.
 */
public final class PipelineTopics {

    /** Compacted topics: the newest value per model id is kept forever. */
    public static final List<String> COMPACTED = List.of("model-specs", "posterior-snapshots");
    /** Topics with the broker's default (delete) cleanup policy. */
    public static final List<String> PLAIN = List.of("labeled-records", "training-metrics", "stream-trainer.dlq",
            "feature-records", "predictions", "stream-scorer.dlq");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private PipelineTopics() {}

    /**
     * Creates the missing topics and waits until every topic is visible.
     *
     * @return the names of the topics created (the others existed)
     * @throws CommandFailure when the broker does not answer or the topics do not become visible in time
     */
    public static List<String> ensure(Map<String, Object> settings, int partitions, short replicationFactor) {
        List<String> created = new ArrayList<>();
        try (Admin admin = Clients.admin(settings)) {
            List<NewTopic> topics = new ArrayList<>();
            COMPACTED.forEach(t -> topics.add(new NewTopic(t, partitions, replicationFactor)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
            PLAIN.forEach(t -> topics.add(new NewTopic(t, partitions, replicationFactor)));
            var results = admin.createTopics(topics).values();
            for (NewTopic topic : topics) {
                try {
                    results.get(topic.name()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new CommandFailure("cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
            awaitVisible(admin, topics.stream().map(NewTopic::name).toList());
            return created;
        } catch (TimeoutException e) {
            throw Clients.unreachable(settings, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted while creating topics", e);
        }
    }

    private static void awaitVisible(Admin admin, List<String> names) throws InterruptedException, TimeoutException {
        List<ConfigResource> resources = names.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                admin.describeConfigs(resources).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                admin.describeTopics(names).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new CommandFailure("topics " + names + " did not become visible within " + TIMEOUT.toSeconds()
                            + " s: " + e.getCause().getMessage(), e);
                }
                Thread.sleep(POLL.toMillis()); // polling interval of a condition with a deadline
            }
        }
    }
}
