package io.credence.cli.kafka;

import io.credence.schemas.serde.WireFormat;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.AvroCodec;
import io.credence.schemas.registry.RegistryException;
import io.credence.schemas.registry.ConfluentWireFormat;
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
import java.util.TreeSet;
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
    /** The record type of each topic. */
    public static final Map<String, AvroCodec<?>> RECORDS = Map.of("model-specs", AvroCodecs.modelSpec(),
            "posterior-snapshots", AvroCodecs.posteriorSnapshot(), "labeled-records", AvroCodecs.labeledRecord(),
            "training-metrics", AvroCodecs.trainingMetrics(), "stream-trainer.dlq", AvroCodecs.deadLetter(),
            "feature-records", AvroCodecs.featureRecord(), "predictions", AvroCodecs.prediction(),
            "stream-scorer.dlq", AvroCodecs.deadLetter());
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

    /**
     * With a schema registry, registers under each topic's subject every version of its record's schema that Credence
     * reads, oldest first, so the registry's compatibility rule (BACKWARD by default) checks each step; nothing to do
     * in single-object encoding.
     *
     * @return the subjects registered
     * @throws CommandFailure when the registry refuses a version or does not answer
     */
    public static List<String> registerSchemas(WireFormat format) {
        if (!(format instanceof ConfluentWireFormat registry)) return List.of();
        List<String> subjects = new ArrayList<>();
        for (String topic : new TreeSet<>(RECORDS.keySet())) {
            try {
                registry.registerHistory(topic, RECORDS.get(topic));
            } catch (RegistryException e) {
                throw new CommandFailure("cannot register the schemas of " + topic + ": " + e.getMessage(), e);
            }
            subjects.add(ConfluentWireFormat.subject(topic));
        }
        return subjects;
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
