package io.credence.bench.e2e;

import io.credence.kit.StackTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.record.TimestampType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * The topics of one measurement, all named after a unique prefix so that every measurement of a run starts from
 * empty topics on the shared broker, and the configuration that points a trainer, a scorer or a pass-through at them.
 *
 * @param topics the pipeline's topics, named {@code prefix} + their default names, e.g. {@code m003-labeled-records}
 */
public record Pipeline(StackTopics topics) {

    /** The topics named after {@code prefix} (e.g. {@code m003-}), with {@code partitions} partitions each. */
    public Pipeline(String prefix, int partitions) {
        this(new StackTopics(prefix, partitions, (short) 1));
    }

    /** Unique prefix of every topic and application id. */
    public String prefix() { return topics.prefix(); }
    /** Output of the pass-through reference. */
    public String passThroughOut() { return prefix() + "pass-through-out"; }

    public String trainerApplicationId() { return prefix() + "stream-trainer"; }
    public String scorerApplicationId() { return prefix() + "stream-scorer"; }
    public String passThroughApplicationId() { return prefix() + "pass-through"; }

    /**
     * Creates every topic, so that tails can be attached before the apps start (the broker never auto-creates). The
     * outputs that throughput is read from stamp each record with the broker's append time, so the moment an app
     * produced its last output is known to the millisecond, whatever the commit interval and polling delay.
     */
    public void create(Admin admin) {
        Set<String> timed = Set.of(topics.trainingMetrics(), topics.predictions());
        Map<String, String> appendTime = Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, TimestampType.LOG_APPEND_TIME.name);
        List<NewTopic> all = new ArrayList<>();
        for (NewTopic t : topics.newTopics()) all.add(timed.contains(t.name()) ? t.configs(appendTime) : t);
        all.add(new NewTopic(passThroughOut(), topics.partitions(), topics.replicationFactor()).configs(appendTime));
        try {
            StackTopics.ensure(admin, all);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create the topics " + prefix() + "*: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** The configuration keys of application-trainer.yml / application-scorer.yml shared by both apps. */
    private static Map<String, Object> common(String bootstrap, String applicationId, Path stateDir, StreamsShape shape) {
        Map<String, Object> c = new HashMap<>();
        c.put("micronaut.server.port", 0);
        c.put("credence.kafka.bootstrap-servers", bootstrap);
        c.put("credence.kafka.application-id", applicationId);
        c.put("credence.kafka.processing-guarantee", shape.guarantee().config());
        c.put("credence.kafka.state-dir", stateDir.toString());
        c.put("credence.kafka.properties.num.stream.threads", String.valueOf(shape.threads()));
        return c;
    }

    /**
     * Trainer configuration whose default spec is a regression model {@code features}-{@code hidden}-1 trained in
     * mini-batches of {@code batch}.
     */
    public Map<String, Object> trainer(String bootstrap, Path stateDir, StreamsShape shape, int features, List<Integer> hidden, int batch) {
        Map<String, Object> c = common(bootstrap, trainerApplicationId(), stateDir, shape);
        c.putAll(topics.trainerOverrides());
        c.put("credence.trainer.default-spec.task", "REGRESSION");
        c.put("credence.trainer.default-spec.features", features);
        c.put("credence.trainer.default-spec.hidden", String.join(",", hidden.stream().map(String::valueOf).toList()));
        c.put("credence.trainer.default-spec.batch-size", batch);
        return c;
    }

    /** Scorer configuration scoring micro-batches of {@code batch} records. */
    public Map<String, Object> scorer(String bootstrap, Path stateDir, StreamsShape shape, int batch) {
        Map<String, Object> c = common(bootstrap, scorerApplicationId(), stateDir, shape);
        c.putAll(topics.scorerOverrides());
        c.put("credence.scorer.batch-size", batch);
        return c;
    }
}
