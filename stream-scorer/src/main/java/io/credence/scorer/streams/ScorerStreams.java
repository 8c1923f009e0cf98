package io.credence.scorer.streams;

import io.credence.app.KafkaSettings;
import io.credence.schemas.serde.WireFormat;
import io.credence.app.StreamsApp;
import io.credence.app.StreamsStateWatch;
import io.credence.app.TopicProvisioner;
import io.credence.scorer.config.ScorerSettings;
import io.credence.scorer.config.ScorerTopics;
import io.credence.scorer.metrics.ScorerMetrics;
import io.credence.scorer.scoring.PredictorCache;
import io.credence.scorer.topology.ScorerTopology;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;

/**
 * The scorer's Kafka Streams instance as a Micronaut-managed bean: its topics are made ready first (missing ones
 * created, the snapshot topic checked to be compacted), then it is started with the application context and closed
 * (committing and flushing its state) when the context stops.
 */
@Context
public class ScorerStreams implements StreamsApp {
    private static final Logger log = LoggerFactory.getLogger(ScorerStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** How long start-up waits for each step of making the topics ready. */
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaSettings kafka;
    private final KafkaStreams streams;
    private final StreamsStateWatch stateWatch;

    public ScorerStreams(KafkaSettings kafka, WireFormat format, ScorerTopics topics, ScorerSettings settings,
                         PredictorCache cache, ScorerMetrics metrics) {
        this.kafka = kafka;
        // Before any Kafka Streams client exists: a broker that refuses us (unreachable, wrong credentials) then fails
        // start-up without leaving clients behind that retry for ever.
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            new TopicProvisioner(admin, TOPIC_TIMEOUT, "stream-scorer").ensure(topics.all(), topics.partitions(), topics.replicationFactor());
        }
        Properties properties = kafka.streamsProperties(topics.replicationFactor());
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(properties)));
        ScorerTopology.build(builder, topics, settings, cache, metrics, format);
        Topology topology = builder.build();
        log.info("scorer topology, records framed as {}:\n{}", format.describe(), topology.describe());
        this.streams = new KafkaStreams(topology, properties);
        stateWatch = new StreamsStateWatch(streams, "stream-scorer");
        streams.setUncaughtExceptionHandler(e -> {
            log.error("stream thread failed; the scorer stops processing (health reports DOWN)", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    @PostConstruct
    void start() {
        streams.start();
        log.info("scorer {} started on {}", kafka.applicationId(), kafka.bootstrapServers());
    }

    /**
     * Waits until Kafka Streams is RUNNING (partitions assigned, state restored, global snapshot table loaded).
     *
     * @return false if it is not RUNNING within {@code timeout}
     * @throws IllegalStateException if it stopped or failed instead
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return stateWatch.awaitRunning(timeout);
    }

    @Override
    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Closes Kafka Streams, committing its work, and leaves the consumer group so that the partitions move to another
     * instance (or this one restarted) at once instead of after the session timeout.
     */
    @PreDestroy
    void close() {
        CloseOptions options = CloseOptions.timeout(CLOSE_TIMEOUT)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
        if (!streams.close(options)) {
            log.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
        }
    }
}
