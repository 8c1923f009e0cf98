package io.credence.trainer;

import io.credence.trainer.config.TrainerTopics;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Configuration overrides for one trainer under test: its own application id, state dir, topics and a free port. */
public final class TrainerOverrides {

    private TrainerOverrides() {}

    /** A mutable map of overrides; tests add default-spec keys to it. */
    public static Map<String, Object> of(String bootstrapServers, String applicationId, Path stateDir, TrainerTopics topics) {
        Map<String, Object> p = new HashMap<>();
        p.put("credence.kafka.bootstrap-servers", bootstrapServers);
        p.put("credence.kafka.application-id", applicationId);
        p.put("credence.kafka.state-dir", stateDir.toString());
        p.put("credence.topics.labeled-records", topics.labeledRecords());
        p.put("credence.topics.model-specs", topics.modelSpecs());
        p.put("credence.topics.posterior-snapshots", topics.posteriorSnapshots());
        p.put("credence.topics.training-metrics", topics.trainingMetrics());
        p.put("credence.topics.dead-letters", topics.deadLetters());
        p.put("credence.topics.partitions", topics.partitions());
        p.put("credence.topics.replication-factor", topics.replicationFactor());
        p.put(TrainerApp.HTTP_PORT, 0);
        return p;
    }

    /** Topics named {@code prefix}-labeled-records, {@code prefix}-model-specs... */
    public static TrainerTopics topics(String prefix, int partitions) {
        return new TrainerTopics(prefix + "-labeled-records", prefix + "-model-specs", prefix + "-posterior-snapshots",
                prefix + "-training-metrics", prefix + "-dlq", partitions, (short) 1);
    }
}
