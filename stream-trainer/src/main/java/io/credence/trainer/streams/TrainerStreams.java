package io.credence.trainer.streams;

import io.credence.app.KafkaSettings;
import io.credence.schemas.serde.WireFormat;
import io.credence.app.StreamsApp;
import io.credence.app.StreamsStateWatch;
import io.credence.app.TopicProvisioner;
import io.credence.trainer.config.TrainerSettings;
import io.credence.trainer.config.TrainerTopics;
import io.credence.trainer.metrics.TrainerMetrics;
import io.credence.trainer.processor.ModelPartitioning;
import io.credence.trainer.processor.TrainerCodecs;
import io.credence.trainer.topology.TrainerTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one Kafka Streams client of the app: created (topics provisioned, {@link TrainerTopology} built) and started when
 * the HTTP server has started, closed with the application context, leaving the consumer group so that another
 * instance takes its partitions over at once. A failed stream thread shuts the client down (the health check then
 * reports DOWN) rather than retrying the same record forever. A context without a server (configuration tests)
 * never connects to Kafka.
 */
@Singleton
public class TrainerStreams implements ApplicationEventListener<ServerStartupEvent>, StreamsApp {

    /** How long start-up waits for each admin call, and shutdown for the stream threads. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(TrainerStreams.class);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final StreamsStateWatch stateWatch;

    /** Provisions the topics and builds the client. */
    TrainerStreams(KafkaSettings kafka, WireFormat format, TrainerTopics topics, TrainerSettings settings,
                   TrainerMetrics metrics, MeterRegistry registry) {
        ModelPartitioning partitioning;
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, TIMEOUT, "stream-trainer");
            provisioner.ensure(topics.all(), topics.partitions(), topics.replicationFactor());
            partitioning = partitioning(provisioner, topics, settings.inputKeyedByModel());
        }
        TrainerCodecs codecs = TrainerCodecs.of(topics, format).prepared();
        Topology topology = TrainerTopology.build(new StreamsBuilder(), topics, settings, metrics, partitioning, codecs);
        log.info("starting {} ({}) against {}, records framed as {}\n{}", kafka.applicationId(), kafka.processingGuarantee(),
                kafka.bootstrapServers(), format.describe(), topology.describe());
        streams = new KafkaStreams(topology, kafka.streamsProperties(topics.replicationFactor()));
        stateWatch = new StreamsStateWatch(streams, "stream-trainer");
        streams.setUncaughtExceptionHandler(e -> {
            log.error("a stream thread failed; shutting the Kafka Streams client down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
    }

    /**
     * How records reach their model's learner: by the labeled-records partition count, which with
     * {@code keyedByModel} must equal model-specs' so that a model's records and specs are read by one task.
     *
     * @throws IllegalStateException when {@code keyedByModel} and the partition counts differ, saying what to change
     */
    private static ModelPartitioning partitioning(TopicProvisioner provisioner, TrainerTopics topics, boolean keyedByModel) {
        List<String> inputs = keyedByModel ? List.of(topics.labeledRecords(), topics.modelSpecs()) : List.of(topics.labeledRecords());
        Map<String, Integer> counts = provisioner.partitionCounts(inputs);
        if (new HashSet<>(counts.values()).size() != 1) {
            throw new IllegalStateException("credence.trainer.input-keyed-by-model=true needs " + inputs
                    + " to have as many partitions, but they have " + inputs.stream().map(t -> t + ": " + counts.get(t))
                    .collect(Collectors.joining(", "))
                    + " (add partitions to the smaller with kafka-topics.sh --alter, or turn the option off)");
        }
        return new ModelPartitioning(counts.get(topics.labeledRecords()), keyedByModel);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        streams.start();
    }

    @Override
    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Waits until Kafka Streams is RUNNING (partitions assigned, state restored).
     *
     * @return false if it is not RUNNING within {@code timeout}
     * @throws IllegalStateException if it stopped or failed instead
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return stateWatch.awaitRunning(timeout);
    }

    /** A store of this instance for interactive queries; throws InvalidStateStoreException while it is unavailable. */
    public <T> T store(StoreQueryParameters<T> parameters) {
        return streams.store(parameters);
    }

    @PreDestroy
    void close() {
        if (!streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(TIMEOUT))) {
            log.warn("Kafka Streams did not shut down within {}", TIMEOUT);
        }
        streamsMetrics.close();
    }
}
