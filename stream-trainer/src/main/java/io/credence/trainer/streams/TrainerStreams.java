package io.credence.trainer.streams;

import io.credence.trainer.config.KafkaSettings;
import io.credence.trainer.config.TrainerSettings;
import io.credence.trainer.config.TrainerTopics;
import io.credence.trainer.metrics.TrainerMetrics;
import io.credence.trainer.topology.TrainerTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The one Kafka Streams client of the app, started with the application context and closed with it: on start it
 * provisions the topics, builds {@link TrainerTopology} and starts; a failed stream thread shuts the client down (the
 * health check then reports DOWN) rather than retrying the same record forever.
 */
@Context
public class TrainerStreams {

    /** How long start-up waits for each admin call, and shutdown for the stream threads. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(TrainerStreams.class);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;

    /** Provisions the topics, then builds and starts the client. */
    TrainerStreams(KafkaSettings kafka, TrainerTopics topics, TrainerSettings settings, TrainerMetrics metrics,
                   MeterRegistry registry) {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            new TopicProvisioner(admin, TIMEOUT).ensure(topics);
        }
        Topology topology = TrainerTopology.build(new StreamsBuilder(), topics, settings, metrics);
        log.info("starting {} ({}) against {}\n{}", kafka.applicationId(), kafka.processingGuarantee(),
                kafka.bootstrapServers(), topology.describe());
        streams = new KafkaStreams(topology, kafka.streamsProperties(topics.replicationFactor()));
        streams.setStateListener((now, before) -> log.info("Kafka Streams state {} -> {}", before, now));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("a stream thread failed; shutting the Kafka Streams client down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        streams.start();
    }

    /** The client's current state. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** A store of this instance for interactive queries; throws InvalidStateStoreException while it is unavailable. */
    public <T> T store(StoreQueryParameters<T> parameters) {
        return streams.store(parameters);
    }

    @PreDestroy
    void close() {
        if (!streams.close(TIMEOUT)) log.warn("Kafka Streams did not shut down within {}", TIMEOUT);
        streamsMetrics.close();
    }
}
