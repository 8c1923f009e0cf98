package io.credence.bench.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.record.TimestampType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The topics of one measurement, all named after a unique prefix so that every measurement of a run starts from
 * empty topics on the shared broker, and the configuration that points a trainer, a scorer or a pass-through at them.
 *
 * @param prefix     unique prefix of every topic and application id, e.g. {@code t03-}
 * @param partitions partitions of every topic
 */
public record Pipeline(String prefix, int partitions) {

    public String labeledRecords() { return prefix + "labeled-records"; }
    public String modelSpecs() { return prefix + "model-specs"; }
    public String posteriorSnapshots() { return prefix + "posterior-snapshots"; }
    public String trainingMetrics() { return prefix + "training-metrics"; }
    public String featureRecords() { return prefix + "feature-records"; }
    public String predictions() { return prefix + "predictions"; }
    public String trainerDeadLetters() { return prefix + "stream-trainer.dlq"; }
    public String scorerDeadLetters() { return prefix + "stream-scorer.dlq"; }
    /** Output of the pass-through reference. */
    public String passThroughOut() { return prefix + "pass-through-out"; }

    public String trainerApplicationId() { return prefix + "stream-trainer"; }
    public String scorerApplicationId() { return prefix + "stream-scorer"; }
    public String passThroughApplicationId() { return prefix + "pass-through"; }

    /**
     * Creates every topic, so that tails can be attached before the apps start (the broker never auto-creates). The
     * outputs that throughput is read from stamp each record with the broker's append time, so the moment an app
     * produced its last output is known to the millisecond, whatever the commit interval and polling delay.
     */
    public void create(Admin admin) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : List.of(labeledRecords(), featureRecords(), trainerDeadLetters(), scorerDeadLetters())) {
            topics.add(new NewTopic(name, Optional.of(partitions), Optional.empty()));
        }
        for (String name : List.of(trainingMetrics(), predictions(), passThroughOut())) {
            topics.add(new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(Map.of(
                    TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, TimestampType.LOG_APPEND_TIME.name)));
        }
        for (String name : List.of(modelSpecs(), posteriorSnapshots())) {
            topics.add(new NewTopic(name, Optional.of(partitions), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
        try {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the topics " + prefix + "*: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** The configuration keys of application-trainer.yml / application-scorer.yml shared by both apps. */
    private Map<String, Object> common(String bootstrap, String applicationId, Path stateDir, StreamsShape shape) {
        Map<String, Object> c = new HashMap<>();
        c.put("micronaut.server.port", 0);
        c.put("credence.kafka.bootstrap-servers", bootstrap);
        c.put("credence.kafka.application-id", applicationId);
        c.put("credence.kafka.processing-guarantee", shape.guarantee().config());
        c.put("credence.kafka.state-dir", stateDir.toString());
        c.put("credence.kafka.properties.num.stream.threads", String.valueOf(shape.threads()));
        c.put("credence.topics.posterior-snapshots", posteriorSnapshots());
        c.put("credence.topics.training-metrics", trainingMetrics());
        c.put("credence.topics.partitions", partitions);
        c.put("credence.topics.replication-factor", 1);
        return c;
    }

    /**
     * Trainer configuration whose default spec is a regression model {@code features}-{@code hidden}-1 trained in
     * mini-batches of {@code batch}.
     */
    public Map<String, Object> trainer(String bootstrap, Path stateDir, StreamsShape shape, int features, List<Integer> hidden, int batch) {
        Map<String, Object> c = common(bootstrap, trainerApplicationId(), stateDir, shape);
        c.put("credence.topics.labeled-records", labeledRecords());
        c.put("credence.topics.model-specs", modelSpecs());
        c.put("credence.topics.dead-letters", trainerDeadLetters());
        c.put("credence.trainer.default-spec.task", "REGRESSION");
        c.put("credence.trainer.default-spec.features", features);
        c.put("credence.trainer.default-spec.hidden", String.join(",", hidden.stream().map(String::valueOf).toList()));
        c.put("credence.trainer.default-spec.batch-size", batch);
        return c;
    }

    /** Scorer configuration scoring micro-batches of {@code batch} records. */
    public Map<String, Object> scorer(String bootstrap, Path stateDir, StreamsShape shape, int batch) {
        Map<String, Object> c = common(bootstrap, scorerApplicationId(), stateDir, shape);
        c.put("credence.topics.feature-records", featureRecords());
        c.put("credence.topics.predictions", predictions());
        c.put("credence.topics.dead-letters", scorerDeadLetters());
        c.put("credence.scorer.batch-size", batch);
        return c;
    }

    /** {@code config} as command-line arguments of a Micronaut main ({@code -key=value}). */
    public static List<String> arguments(Map<String, Object> config) {
        return config.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> "-" + e.getKey() + "=" + e.getValue()).toList();
    }
}
