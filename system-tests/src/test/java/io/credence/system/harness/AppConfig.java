package io.credence.system.harness;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration overrides of the apps under test (keys of application-trainer.yml and application-scorer.yml): the
 * default topic names, a small model, and the Kafka settings that make faults cheap to recover from. Both apps read
 * and write the default topics, so they form one pipeline on one broker.
 */
public final class AppConfig {

    /** Partitions of every topic the apps create. */
    public static final int PARTITIONS = 3;
    /** Mini-batch size of the default spec. */
    public static final int BATCH = 16;
    /** Snapshot cadence of the default spec, in updates. */
    public static final int SNAPSHOT_EVERY_UPDATES = 5;

    private AppConfig() {}

    /**
     * A trainer: its own application id and state dir, any free HTTP port, a 1-feature regression default spec with
     * hidden [8], batch {@value #BATCH}, a snapshot every {@value #SNAPSHOT_EVERY_UPDATES} updates, and no idle flush
     * (batch boundaries depend only on the records, so counts are exact).
     */
    public static Map<String, Object> trainer(Kafka kafka, String applicationId, Path stateDir) {
        Map<String, Object> c = common(kafka, applicationId, stateDir);
        c.put("credence.trainer.default-spec.task", "REGRESSION");
        c.put("credence.trainer.default-spec.features", 1);
        c.put("credence.trainer.default-spec.hidden", List.of(8));
        c.put("credence.trainer.default-spec.batch-size", BATCH);
        c.put("credence.trainer.default-spec.score-samples", 20);
        c.put("credence.trainer.default-spec.snapshot-every-updates", SNAPSHOT_EVERY_UPDATES);
        c.put("credence.trainer.default-spec.snapshot-every-seconds", 0);
        c.put("credence.trainer.idle-flush", "0s");
        c.put("credence.trainer.punctuate-interval", "200ms");
        return c;
    }

    /** A scorer: its own application id and state dir, any free HTTP port, records waiting for a model's first snapshot. */
    public static Map<String, Object> scorer(Kafka kafka, String applicationId, Path stateDir) {
        return common(kafka, applicationId, stateDir);
    }

    /**
     * {@code config} for a child JVM that will be killed: consumers evicted {@link Kafka#SESSION_TIMEOUT} after they
     * die, and one commit a second so that a kill lands inside an open transaction.
     */
    public static Map<String, Object> killable(Map<String, Object> config) {
        Map<String, Object> c = new HashMap<>(config);
        c.put("micronaut.server.port", -1);
        c.put("credence.kafka.properties.session.timeout.ms", Kafka.SESSION_TIMEOUT.toMillis());
        c.put("credence.kafka.properties.heartbeat.interval.ms", Kafka.SESSION_TIMEOUT.toMillis() / 3);
        c.put("credence.kafka.properties.commit.interval.ms", 1000);
        return c;
    }

    private static Map<String, Object> common(Kafka kafka, String applicationId, Path stateDir) {
        Map<String, Object> c = new HashMap<>();
        c.put("credence.kafka.bootstrap-servers", kafka.bootstrapServers());
        c.put("credence.kafka.application-id", applicationId);
        c.put("credence.kafka.state-dir", stateDir.toString());
        c.put("credence.topics.partitions", PARTITIONS);
        c.put("credence.topics.replication-factor", 1);
        c.put("micronaut.server.port", 0);
        return c;
    }
}
