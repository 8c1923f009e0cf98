package io.credence.system.security;

import io.credence.scorer.ScorerApp;
import io.credence.trainer.TrainerApp;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stream-trainer and a stream-scorer in this JVM, both reaching Kafka through one secured listener configured only
 * by {@code credence.kafka.properties.*}, with topics of their own (named {@code <name>.<topic>}) and one small
 * regression model by default: 1 feature, hidden [8], mini-batches of 32, a snapshot every 4 updates.
 */
final class SecuredPipeline implements AutoCloseable {

    static final int BATCH_SIZE = 32;
    static final int SNAPSHOT_EVERY_UPDATES = 4;

    final String labeledRecords;
    final String posteriorSnapshots;
    final String trainingMetrics;
    final String featureRecords;
    final String predictions;
    final TrainerApp trainer;
    final ScorerApp scorer;

    private SecuredPipeline(String name, TrainerApp trainer, ScorerApp scorer) {
        this.labeledRecords = name + ".labeled-records";
        this.posteriorSnapshots = name + ".posterior-snapshots";
        this.trainingMetrics = name + ".training-metrics";
        this.featureRecords = name + ".feature-records";
        this.predictions = name + ".predictions";
        this.trainer = trainer;
        this.scorer = scorer;
    }

    /**
     * Starts the trainer, then the scorer.
     *
     * @param kafkaProperties client properties (security.protocol, ssl.*, sasl.*) both apps get through
     *                        {@code credence.kafka.properties.*}
     * @param bearerToken     {@code credence.http.bearer-token} of both apps ("" for none)
     */
    static SecuredPipeline start(String name, String bootstrapServers, Map<String, String> kafkaProperties,
                                 String bearerToken, Path stateDir) {
        TrainerApp trainer = TrainerApp.start(trainerConfig(name, bootstrapServers, kafkaProperties, bearerToken, stateDir));
        try {
            ScorerApp scorer = ScorerApp.start(scorerConfig(name, bootstrapServers, kafkaProperties, bearerToken, stateDir));
            return new SecuredPipeline(name, trainer, scorer);
        } catch (RuntimeException e) {
            trainer.close();
            throw e;
        }
    }

    /** The trainer's configuration overrides. */
    static Map<String, Object> trainerConfig(String name, String bootstrapServers, Map<String, String> kafkaProperties,
                                             String bearerToken, Path stateDir) {
        Map<String, Object> config = common(name + "-trainer", bootstrapServers, kafkaProperties, bearerToken, stateDir);
        config.put("credence.topics.labeled-records", name + ".labeled-records");
        config.put("credence.topics.model-specs", name + ".model-specs");
        config.put("credence.topics.posterior-snapshots", name + ".posterior-snapshots");
        config.put("credence.topics.training-metrics", name + ".training-metrics");
        config.put("credence.topics.dead-letters", name + ".trainer-dlq");
        config.put("credence.trainer.default-spec.hidden", List.of(8));
        config.put("credence.trainer.default-spec.batch-size", BATCH_SIZE);
        config.put("credence.trainer.default-spec.snapshot-every-updates", SNAPSHOT_EVERY_UPDATES);
        config.put("credence.trainer.default-spec.snapshot-every-seconds", 0);
        config.put("credence.trainer.default-spec.score-samples", 20);
        config.put("credence.trainer.default-spec.seed", 7);
        return config;
    }

    /** The scorer's configuration overrides. */
    static Map<String, Object> scorerConfig(String name, String bootstrapServers, Map<String, String> kafkaProperties,
                                            String bearerToken, Path stateDir) {
        Map<String, Object> config = common(name + "-scorer", bootstrapServers, kafkaProperties, bearerToken, stateDir);
        config.put("credence.topics.feature-records", name + ".feature-records");
        config.put("credence.topics.posterior-snapshots", name + ".posterior-snapshots");
        config.put("credence.topics.training-metrics", name + ".training-metrics");
        config.put("credence.topics.predictions", name + ".predictions");
        config.put("credence.topics.dead-letters", name + ".scorer-dlq");
        return config;
    }

    private static Map<String, Object> common(String applicationId, String bootstrapServers,
                                              Map<String, String> kafkaProperties, String bearerToken, Path stateDir) {
        Map<String, Object> config = new HashMap<>();
        config.put("credence.kafka.bootstrap-servers", bootstrapServers);
        config.put("credence.kafka.application-id", applicationId);
        config.put("credence.kafka.state-dir", stateDir.resolve(applicationId).toString());
        kafkaProperties.forEach((key, value) -> config.put("credence.kafka.properties." + key, value));
        config.put("credence.http.bearer-token", bearerToken);
        config.put("credence.topics.partitions", 1);
        config.put("micronaut.server.port", 0);
        return config;
    }

    /** Stops the scorer, then the trainer. */
    @Override
    public void close() {
        try {
            scorer.close();
        } finally {
            trainer.close();
        }
    }
}
