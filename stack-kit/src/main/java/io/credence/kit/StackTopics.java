package io.credence.kit;

import io.credence.schemas.registry.ConfluentWireFormat;
import io.credence.schemas.registry.RegistryException;
import io.credence.schemas.serde.AvroCodec;
import io.credence.schemas.serde.AvroCodecs;
import io.credence.schemas.serde.WireFormat;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every topic of one Credence pipeline, each named {@code prefix} + its default name ({@code labeled-records},
 * {@code posterior-snapshots}...; no prefix: the apps' defaults), with the partitions and replication factor of new
 * topics. Creates them before the apps start (the apps create missing topics themselves, but a second admin call right
 * after a creation can find the topic still unknown), and points the apps at them.
 *
 * @param prefix            prefix of every name, e.g. {@code m003-}; empty for the default names
 * @param partitions        partitions of each new topic
 * @param replicationFactor replication factor of each new topic
 */
public record StackTopics(String prefix, int partitions, short replicationFactor) {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    public StackTopics {
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication factor must be >= 1, got " + partitions + " and "
                    + replicationFactor);
        }
    }

    /** The topics under their default names. */
    public static StackTopics defaults(int partitions, short replicationFactor) {
        return new StackTopics("", partitions, replicationFactor);
    }

    public String labeledRecords() { return prefix + "labeled-records"; }
    public String modelSpecs() { return prefix + "model-specs"; }
    public String posteriorSnapshots() { return prefix + "posterior-snapshots"; }
    public String trainingMetrics() { return prefix + "training-metrics"; }
    public String trainerDeadLetters() { return prefix + "stream-trainer.dlq"; }
    public String featureRecords() { return prefix + "feature-records"; }
    public String predictions() { return prefix + "predictions"; }
    public String scorerDeadLetters() { return prefix + "stream-scorer.dlq"; }

    /** Compacted topics: the newest value per model id is kept forever. */
    public List<String> compacted() {
        return List.of(modelSpecs(), posteriorSnapshots());
    }

    /** Topics with the broker's default (delete) cleanup policy. */
    public List<String> plain() {
        return List.of(labeledRecords(), trainingMetrics(), trainerDeadLetters(), featureRecords(), predictions(), scorerDeadLetters());
    }

    /** The record type of each topic. */
    public Map<String, AvroCodec<?>> records() {
        return Map.of(modelSpecs(), AvroCodecs.modelSpec(), posteriorSnapshots(), AvroCodecs.posteriorSnapshot(),
                labeledRecords(), AvroCodecs.labeledRecord(), trainingMetrics(), AvroCodecs.trainingMetrics(),
                trainerDeadLetters(), AvroCodecs.deadLetter(), featureRecords(), AvroCodecs.featureRecord(),
                predictions(), AvroCodecs.prediction(), scorerDeadLetters(), AvroCodecs.deadLetter());
    }

    /** Every topic, compacted ones first, as {@link #ensure} creates them (callers may add configs or topics). */
    public List<NewTopic> newTopics() {
        List<NewTopic> topics = new ArrayList<>();
        compacted().forEach(t -> topics.add(new NewTopic(t, partitions, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
        plain().forEach(t -> topics.add(new NewTopic(t, partitions, replicationFactor)));
        return topics;
    }

    /** A trainer's {@code credence.topics.*} overrides for these topics. */
    public Map<String, Object> trainerOverrides() {
        Map<String, Object> c = common();
        c.put("credence.topics.labeled-records", labeledRecords());
        c.put("credence.topics.model-specs", modelSpecs());
        c.put("credence.topics.dead-letters", trainerDeadLetters());
        return c;
    }

    /** A scorer's {@code credence.topics.*} overrides for these topics. */
    public Map<String, Object> scorerOverrides() {
        Map<String, Object> c = common();
        c.put("credence.topics.feature-records", featureRecords());
        c.put("credence.topics.predictions", predictions());
        c.put("credence.topics.dead-letters", scorerDeadLetters());
        return c;
    }

    private Map<String, Object> common() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("credence.topics.posterior-snapshots", posteriorSnapshots());
        c.put("credence.topics.training-metrics", trainingMetrics());
        c.put("credence.topics.partitions", partitions);
        c.put("credence.topics.replication-factor", replicationFactor);
        return c;
    }

    /**
     * Creates the missing topics of {@link #newTopics} and waits until every one is visible.
     *
     * @return the names of the topics created (the others existed)
     */
    public List<String> ensure(Admin admin) throws TimeoutException, InterruptedException {
        return ensure(admin, newTopics());
    }

    /**
     * Creates those of {@code topics} that are missing and waits until the broker describes every one.
     *
     * @return the names of the topics created (the others existed)
     * @throws TimeoutException      when the broker does not answer
     * @throws IllegalStateException when the broker refuses a topic or the topics do not become visible in time
     */
    public static List<String> ensure(Admin admin, List<NewTopic> topics) throws TimeoutException, InterruptedException {
        List<String> created = new ArrayList<>();
        var results = admin.createTopics(topics).values();
        for (NewTopic topic : topics) {
            try {
                results.get(topic.name()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e);
                }
            }
        }
        awaitVisible(admin, topics.stream().map(NewTopic::name).toList());
        return created;
    }

    /**
     * With a schema registry, registers under each topic's subject every version of its record's schema that Credence
     * reads, oldest first, so the registry's compatibility rule (BACKWARD by default) checks each step; nothing to do
     * in single-object encoding.
     *
     * @return the subjects registered
     * @throws IllegalStateException when the registry refuses a version or does not answer
     */
    public List<String> registerSchemas(WireFormat format) {
        if (!(format instanceof ConfluentWireFormat registry)) return List.of();
        Map<String, AvroCodec<?>> records = records();
        List<String> subjects = new ArrayList<>();
        for (String topic : new TreeSet<>(records.keySet())) {
            try {
                registry.registerHistory(topic, records.get(topic));
            } catch (RegistryException e) {
                throw new IllegalStateException("cannot register the schemas of " + topic + ": " + e.getMessage(), e);
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
                    throw new IllegalStateException("topics " + names + " did not become visible within " + TIMEOUT.toSeconds()
                            + " s: " + e.getCause().getMessage(), e);
                }
                Thread.sleep(POLL.toMillis()); // polling interval of a condition with a deadline
            }
        }
    }
}
